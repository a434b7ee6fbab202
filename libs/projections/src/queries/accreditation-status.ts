import { type AccreditationHistory, accreditationStatusFrom, type StatusQuestion } from '@credence/domain';
import type { AccreditationRecord } from '../projections/issuers';

/** The projected record as the domain's AccreditationHistory: the grant, then each later change. */
export const accreditationHistoryOf = (record: AccreditationRecord): AccreditationHistory => ({
  validFrom: record.validFrom,
  validUntil: record.validUntil,
  grantedAt: record.history.find((c) => c.change === 'granted')?.at ?? record.validFrom,
  changes: record.history.flatMap((c) =>
    c.change === 'granted'
      ? []
      : [{ change: c.change, recordedAt: c.at, effectiveAt: c.effectiveAt ?? null, note: c.note }],
  ),
});

/** Was the issuer accredited under `record` at `atMs`, as known at `asOfMs` (the domain's judgement)? */
export const accreditationStatusAt = (record: AccreditationRecord, question: StatusQuestion) => ({
  accreditationId: record.accreditationId,
  qaBody: record.qaBody,
  ...accreditationStatusFrom(accreditationHistoryOf(record), question),
});
