import { effectiveAtOf, type LifecycleChange, lifecycleAt, type LifecycleQuestion } from '../lifecycle';

/** An accreditation as recorded: its grant (when recorded, for which period) and its later changes. */
export type AccreditationHistory = Readonly<{
  validFrom: string;
  validUntil: string;
  /** When the grant was recorded (`metadata.now` of IssuerAccredited). */
  grantedAt: string;
  changes: readonly Readonly<{
    change: 'suspended' | 'reinstated' | 'withdrawn';
    recordedAt: string;
    /** Absent (or null) on changes recorded before effective dates existed: effective when recorded. */
    effectiveAt?: string | null;
    note?: string | null;
  }>[];
}>;

export type AccreditationStatusAnswer = Readonly<{
  status: 'absent' | 'not-yet-valid' | 'active' | 'expired' | 'suspended' | 'withdrawn';
  /** Whether the issuer was accredited under it at that instant (status `active`). */
  inForce: boolean;
  effectiveAt: string | null;
  recordedAt: string | null;
  note?: string | null;
}>;

const KIND = { suspended: 'suspended', reinstated: 'reinstated', withdrawn: 'ended' } as const;

/**
 * "Was the issuer accredited under this accreditation at `atMs`, as known at `asOfMs`?": judged by
 * lifecycleAt exactly as a credential's status is, a withdrawal being the end. A withdrawal or
 * suspension recorded late with an earlier effectiveAt changes the answer as known now, not as
 * known then.
 */
export const accreditationStatusFrom = (
  history: AccreditationHistory,
  question: LifecycleQuestion,
): AccreditationStatusAnswer => {
  const start = {
    recordedAt: history.grantedAt,
    validFrom: history.validFrom,
    validUntil: history.validUntil,
  };
  const changes = history.changes.map((c): LifecycleChange & { note?: string | null } => ({
    kind: KIND[c.change],
    recordedAt: c.recordedAt,
    effectiveAt: c.effectiveAt ?? undefined,
    note: c.note,
  }));
  const judged = lifecycleAt(start, changes, question);
  switch (judged.state) {
    case 'absent':
      return { status: 'absent', inForce: false, effectiveAt: null, recordedAt: null };
    case 'ended':
    case 'suspended': {
      const { change } = judged;
      const status = judged.state === 'ended' ? 'withdrawn' : 'suspended';
      return {
        status,
        inForce: false,
        effectiveAt: effectiveAtOf(change),
        recordedAt: change.recordedAt,
        note: change.note,
      };
    }
    default:
      return {
        status: judged.state,
        inForce: judged.state === 'active',
        effectiveAt: judged.effectiveAt,
        recordedAt: judged.recordedAt,
      };
  }
};
