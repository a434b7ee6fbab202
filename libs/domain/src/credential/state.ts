import { instantMs } from '../time';
import type { CredentialEvent, CredentialIssued, RevocationReason, SuspensionReason } from './events';

type Issued = CredentialIssued['data'];

export type IssuedCredentialState =
  | (Issued & Readonly<{ status: 'active' }>)
  | (Issued & Readonly<{ status: 'suspended' } & Change<SuspensionReason>>)
  | (Issued & Readonly<{ status: 'revoked'; supersededBy?: string } & Change<RevocationReason>>);

/** The latest change; effectiveAt is absent on events recorded before effective dates existed. */
type Change<Reason> = { reason: Reason; note?: string; effectiveAt?: string };

export type CredentialState = Readonly<{ status: 'absent' }> | IssuedCredentialState;

export const initialCredentialState = (): CredentialState => ({ status: 'absent' });

const issuedPart = (state: IssuedCredentialState): Issued => {
  if (state.status === 'active') {
    const { status: _s, ...issued } = state;
    return issued;
  }
  if (state.status === 'suspended') {
    const { status: _s, reason: _r, note: _n, effectiveAt: _e, ...issued } = state;
    return issued;
  }
  const { status: _s, reason: _r, note: _n, effectiveAt: _e, supersededBy: _by, ...issued } = state;
  return issued;
};

const changeOf = <Reason>({ reason, note, effectiveAt }: Change<Reason>): Change<Reason> => ({
  reason,
  note,
  effectiveAt,
});

export const evolveCredential = (
  state: CredentialState,
  { type, data }: CredentialEvent,
): CredentialState => {
  if (type === 'CredentialIssued') return { status: 'active', ...data };
  if (state.status === 'absent') return state;
  switch (type) {
    case 'CredentialSuspended':
      return { ...issuedPart(state), status: 'suspended', ...changeOf(data) };
    case 'CredentialReinstated':
      return { ...issuedPart(state), status: 'active' };
    case 'CredentialRevoked':
      return {
        ...issuedPart(state),
        status: 'revoked',
        ...changeOf(data),
        ...(data.supersededBy !== undefined ? { supersededBy: data.supersededBy } : {}),
      };
  }
};

export type CredentialStatusAt =
  | Readonly<{ status: 'active' | 'expired' | 'not-yet-valid' }>
  | Readonly<{ status: 'suspended'; reason: SuspensionReason }>
  | Readonly<{ status: 'revoked'; reason: RevocationReason }>;

/** The validity period in epoch milliseconds; null is unbounded (or, for a projection, unreadable). */
export type ValidityMs = Readonly<{ fromMs: number | null; untilMs: number | null }>;

/**
 * The one status-at-an-instant judgement. Revocation and suspension win over the validity period
 * (a revoked credential is revoked, expired or not). The period is half-open: valid from
 * `validFrom` inclusive until `validUntil` exclusive. In milliseconds, so the read models, which
 * never throw on a recorded instant, judge exactly as the domain does.
 */
export const judgeStatusAt = <Recorded extends IssuedCredentialState['status']>(
  recorded: Recorded,
  period: ValidityMs,
  atMs: number,
): Exclude<Recorded, 'active'> | 'active' | 'expired' | 'not-yet-valid' => {
  if (recorded !== 'active') return recorded as Exclude<Recorded, 'active'>;
  if (period.fromMs !== null && atMs < period.fromMs) return 'not-yet-valid';
  if (period.untilMs !== null && atMs >= period.untilMs) return 'expired';
  return 'active';
};

/**
 * The current state judged at the command's `now` (see judgeStatusAt), for deciding. Right only for
 * `now`: no change takes effect after its recording, so the latest state is the history's
 * judgement at (now, as of now). For any other instant, or as known at another, the answer comes
 * from the history: credentialStatusFrom (./history.ts).
 */
export const credentialStatusAt = (state: IssuedCredentialState, instant: string): CredentialStatusAt => {
  if (state.status === 'revoked') return { status: 'revoked', reason: state.reason };
  if (state.status === 'suspended') return { status: 'suspended', reason: state.reason };
  const atMs = instantMs(instant);
  const period = {
    fromMs: instantMs(state.validFrom),
    untilMs: state.validUntil === undefined ? null : instantMs(state.validUntil),
  };
  return { status: judgeStatusAt(state.status, period, atMs) };
};
