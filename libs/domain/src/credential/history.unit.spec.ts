import { credentialIssued } from '../test-fixtures';
import { instantMs } from '../time';
import type { CredentialEvent } from './events';
import { credentialStatusFrom, type RecordedCredentialEvent } from './history';

/*
 * The bitemporal judgement: "what was the status at `at`, as the ledger knew it at `asOf`".
 * Given a recorded history, when asked at (at, asOf), then this answer. Dates are in 2026; the
 * credential is valid from 1 January until 1 December, issued (recorded) on 1 January.
 */
const ids = { credentialId: 'cred-1', issuerId: 'uni-1' };
const day = (mmdd: string) => `2026-${mmdd}T00:00:00Z`;
const NOW = day('12-31');
const recorded = (recordedAt: string, event: CredentialEvent): RecordedCredentialEvent => ({
  ...event,
  recordedAt,
});
const issued = recorded(
  day('01-01'),
  credentialIssued({ validFrom: day('01-01'), validUntil: day('12-01'), issuedAt: day('01-01') }),
);
const suspended = (recordedAt: string, effectiveAt?: string, reason = 'under-investigation' as const) =>
  recorded(recordedAt, { type: 'CredentialSuspended', data: { ...ids, reason, effectiveAt } });
const reinstated = (recordedAt: string, effectiveAt?: string) =>
  recorded(recordedAt, { type: 'CredentialReinstated', data: { ...ids, effectiveAt } });
const revoked = (recordedAt: string, effectiveAt?: string, abInitio?: true) =>
  recorded(recordedAt, {
    type: 'CredentialRevoked',
    data: { ...ids, reason: 'fraud', effectiveAt, abInitio },
  });

const given = (...history: RecordedCredentialEvent[]) => ({
  at: (at: string, asOf = NOW) =>
    credentialStatusFrom(history, { atMs: instantMs(at), asOfMs: instantMs(asOf) }),
});

describe('credentialStatusFrom: status at an instant, as known at another', () => {
  describe('the validity period alone', () => {
    const only = given(issued);
    it('is active inside it, since validFrom', () =>
      expect(only.at(day('03-01'))).toEqual({
        status: 'active',
        reason: null,
        effectiveAt: day('01-01'),
        recordedAt: day('01-01'),
      }));
    it('is not yet valid before validFrom', () =>
      expect(only.at('2025-12-31T23:59:59Z').status).toBe('not-yet-valid'));
    it('is expired from validUntil (exclusive), effective then', () =>
      expect(only.at(day('12-01'))).toMatchObject({ status: 'expired', effectiveAt: day('12-01') }));
    it('is absent as known before the issuance was recorded', () =>
      expect(only.at(day('03-01'), '2025-12-31T23:59:59Z')).toEqual({
        status: 'absent',
        reason: null,
        effectiveAt: null,
        recordedAt: null,
      }));
    it('counts an event recorded exactly at asOf', () =>
      expect(only.at(day('03-01'), day('01-01')).status).toBe('active'));
  });

  describe('1. a suspension and a reinstatement recorded late', () => {
    const late = given(issued, suspended(day('06-01'), day('03-01')), reinstated(day('06-02'), day('03-15')));
    it('reads suspended inside the window, as known now', () =>
      expect(late.at(day('03-10'))).toMatchObject({
        status: 'suspended',
        reason: 'under-investigation',
        effectiveAt: day('03-01'),
        recordedAt: day('06-01'),
      }));
    it('reads active inside the window, as known before the recording', () =>
      expect(late.at(day('03-10'), day('05-31')).status).toBe('active'));
    it('reads active after the window, since the reinstatement took effect', () =>
      expect(late.at(day('04-01'))).toMatchObject({
        status: 'active',
        effectiveAt: day('03-15'),
        recordedAt: day('06-02'),
      }));
    it('reads suspended with no end, as known between the two recordings', () =>
      expect(late.at(day('04-01'), day('06-01')).status).toBe('suspended'));
  });

  describe('2. a revocation whose effective date falls inside a suspension', () => {
    const inside = given(issued, suspended(day('03-01')), revoked(day('04-01'), day('03-10')));
    it('is suspended before the revocation takes effect', () =>
      expect(inside.at(day('03-05')).status).toBe('suspended'));
    it('is revoked from its effective date', () =>
      expect(inside.at(day('03-10'))).toMatchObject({
        status: 'revoked',
        reason: 'fraud',
        effectiveAt: day('03-10'),
        recordedAt: day('04-01'),
      }));
    it('was still only suspended as known before the revocation was recorded', () =>
      expect(inside.at(day('03-20'), day('03-31')).status).toBe('suspended'));
  });

  describe('3. expiry before an effective revocation', () => {
    const short = recorded(
      day('01-01'),
      credentialIssued({ validFrom: day('01-01'), validUntil: day('04-01') }),
    );
    const history = given(short, revoked(day('06-01'), day('05-01')));
    it('is expired between the expiry and the revocation', () =>
      expect(history.at(day('04-15')).status).toBe('expired'));
    it('is revoked once the revocation takes effect: revocation wins over the period', () =>
      expect(history.at(day('05-02')).status).toBe('revoked'));
  });

  describe('4. fraud revoked ab initio, recorded on 1 June', () => {
    const fraud = given(issued, revoked(day('06-01'), day('01-01'), true));
    it('reads revoked for 1 March as known now', () =>
      expect(fraud.at(day('03-01'))).toMatchObject({
        status: 'revoked',
        abInitio: true,
        effectiveAt: day('01-01'),
      }));
    it('reads active for 1 March as known on 31 May', () =>
      expect(fraud.at(day('03-01'), day('05-31')).status).toBe('active'));
    it('reads revoked even before validFrom: it was never valid', () =>
      expect(fraud.at('2025-06-01T00:00:00Z').status).toBe('revoked'));
  });

  describe('5. a revocation backdated without ab initio', () => {
    const backdated = given(issued, revoked(day('06-01'), day('03-15')));
    it('leaves the credential active before its effective date', () =>
      expect(backdated.at(day('03-01')).status).toBe('active'));
    it('revokes from its effective date, as known now', () =>
      expect(backdated.at(day('03-20')).status).toBe('revoked'));
    it('did not revoke, as known before it was recorded', () =>
      expect(backdated.at(day('03-20'), day('05-01')).status).toBe('active'));
  });

  describe('6. events recorded before effective dates existed', () => {
    const legacy = given(issued, suspended(day('03-01')), reinstated(day('03-15')), revoked(day('05-01')));
    it('take effect at their recording time', () => {
      expect(legacy.at('2026-02-28T23:59:59Z').status).toBe('active');
      expect(legacy.at(day('03-01'))).toMatchObject({ status: 'suspended', effectiveAt: day('03-01') });
      expect(legacy.at(day('03-15'))).toMatchObject({ status: 'active', effectiveAt: day('03-15') });
      expect(legacy.at(day('05-01'))).toMatchObject({ status: 'revoked', effectiveAt: day('05-01') });
    });
  });

  describe('7. two suspensions', () => {
    const twice = given(
      issued,
      suspended(day('02-01')),
      reinstated(day('02-10')),
      suspended(day('03-01'), undefined, 'issuer-request' as 'under-investigation'),
      reinstated(day('03-10')),
    );
    it('is active between them, since the first ended', () =>
      expect(twice.at(day('02-20'))).toMatchObject({ status: 'active', effectiveAt: day('02-10') }));
    it('is suspended for the second reason in the second', () =>
      expect(twice.at(day('03-05'))).toMatchObject({ status: 'suspended', reason: 'issuer-request' }));
    it('is active after both, since the second ended', () =>
      expect(twice.at(day('04-01'))).toMatchObject({ status: 'active', effectiveAt: day('03-10') }));
  });

  describe('8. a late suspension backdated into an earlier one', () => {
    const overlapping = given(
      issued,
      suspended(day('03-01')),
      reinstated(day('03-20')),
      suspended(day('04-01'), day('03-10')),
    );
    it('reads the latest-starting suspension where both hold', () =>
      expect(overlapping.at(day('03-15'))).toMatchObject({ status: 'suspended', recordedAt: day('04-01') }));
    it('holds the open suspension past the first one’s end', () =>
      expect(overlapping.at(day('03-25')).status).toBe('suspended'));
    it('reads the first suspension alone, as known before the second', () =>
      expect(overlapping.at(day('03-15'), day('03-31'))).toMatchObject({ recordedAt: day('03-01') }));
  });

  describe('9. a revocation of a suspended credential', () => {
    const ended = given(issued, suspended(day('03-01')), revoked(day('05-01')));
    it('stays suspended until the revocation takes effect', () =>
      expect(ended.at(day('04-30')).status).toBe('suspended'));
    it('is revoked after', () => expect(ended.at(day('05-01')).status).toBe('revoked'));
  });

  describe('10. a suspension of a credential not yet valid', () => {
    const early = given(
      recorded(day('01-01'), credentialIssued({ validFrom: day('02-01') })),
      suspended(day('01-10')),
      reinstated(day('01-20')),
    );
    it('is suspended while suspended, even before validFrom', () =>
      expect(early.at(day('01-15')).status).toBe('suspended'));
    it('is not yet valid after the reinstatement and before validFrom', () =>
      expect(early.at(day('01-25')).status).toBe('not-yet-valid'));
    it('is active from validFrom, since validFrom', () =>
      expect(early.at(day('02-01'))).toMatchObject({ status: 'active', effectiveAt: day('02-01') }));
  });

  describe('11. a validFrom before the issuance was recorded (backdated validity)', () => {
    const backdated = given(
      recorded(day('03-01'), credentialIssued({ validFrom: day('01-01') })),
      suspended(day('03-02'), day('02-01')),
      reinstated(day('03-03'), day('02-10')),
    );
    it('is active from validFrom as known now, before the issuance was recorded', () =>
      expect(backdated.at(day('01-15'))).toMatchObject({ status: 'active', effectiveAt: day('01-01') }));
    it('is active since the reinstatement took effect, after the backdated suspension', () =>
      expect(backdated.at(day('02-20'))).toMatchObject({
        status: 'active',
        effectiveAt: day('02-10'),
        recordedAt: day('03-03'),
      }));
    it('was absent as known before the issuance was recorded', () =>
      expect(backdated.at(day('01-15'), day('02-28')).status).toBe('absent'));
  });

  it('passes fields it does not know through (a later schema, e.g. supersededBy)', () => {
    const superseding = recorded(day('05-01'), {
      type: 'CredentialRevoked',
      data: { ...ids, reason: 'superseded', note: 'typo', supersededBy: 'cred-2' } as never,
    });
    expect(given(issued, superseding).at(day('06-01'))).toEqual({
      status: 'revoked',
      reason: 'superseded',
      note: 'typo',
      supersededBy: 'cred-2',
      effectiveAt: day('05-01'),
      recordedAt: day('05-01'),
    });
  });
});
