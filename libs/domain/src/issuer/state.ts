import { instantMs } from '../time';
import type { IssuerAccredited, IssuerEvent, IssuerRegistered } from './events';
import type { IssuerKeyEvent } from './key-events';
import { evolveKeys, type IssuerKey } from './keys';

export type AccreditationStatus = 'active' | 'suspended' | 'withdrawn';
export type Accreditation = Omit<IssuerAccredited['data'], 'issuerId'> &
  Readonly<{
    status: AccreditationStatus;
    /** Of the latest change, when it has one. */ effectiveAt?: string;
  }>;

export type IssuerState =
  | Readonly<{ status: 'unregistered' }>
  | (IssuerRegistered['data'] &
      Readonly<{
        status: 'registered';
        accreditations: readonly Accreditation[];
        /** Its signing keys' public halves, in activation order (libs/credentials signs with them). */
        keys: readonly IssuerKey[];
      }>);

export const initialIssuerState = (): IssuerState => ({ status: 'unregistered' });

const withStatus = (
  state: IssuerState,
  accreditationId: string,
  status: AccreditationStatus,
  effectiveAt: string | undefined,
): IssuerState =>
  state.status !== 'registered'
    ? state
    : {
        ...state,
        accreditations: state.accreditations.map((a) =>
          a.accreditationId === accreditationId ? { ...a, status, effectiveAt } : a,
        ),
      };

export const evolveIssuer = (state: IssuerState, { type, data }: IssuerEvent): IssuerState => {
  switch (type) {
    case 'IssuerRegistered':
      return { status: 'registered', ...data, accreditations: [], keys: [] };
    case 'IssuerAccredited': {
      if (state.status !== 'registered') return state;
      const { issuerId: _issuerId, ...accreditation } = data;
      return { ...state, accreditations: [...state.accreditations, { ...accreditation, status: 'active' }] };
    }
    case 'AccreditationSuspended':
      return withStatus(state, data.accreditationId, 'suspended', data.effectiveAt);
    case 'AccreditationReinstated':
      return withStatus(state, data.accreditationId, 'active', data.effectiveAt);
    case 'AccreditationWithdrawn':
      return withStatus(state, data.accreditationId, 'withdrawn', data.effectiveAt);
    case 'IssuerKeyActivated':
    case 'IssuerKeyRetired':
    case 'IssuerKeyCompromised':
      return state.status === 'registered'
        ? { ...state, keys: evolveKeys(state.keys, { type, data } as IssuerKeyEvent) }
        : state;
  }
};

/**
 * The first-granted accreditation that is active now and whose period contains `instant`
 * (half-open: validFrom <= instant < validUntil, so an accreditation ending at midnight does not
 * cover midnight) and whose scope covers `eqfLevel`: lists it, or omits `eqfLevels` (all levels,
 * the only scope covering a specification without level). Status is the current one, so this is
 * for deciding at the command's `now`: no change takes effect after its recording, so the latest
 * status is the history's answer at (now, as of now). Any other instant, or as known at another,
 * is accreditationStatusFrom's (./history.ts), which the read models use.
 */
export const accreditationCovering = (
  state: IssuerState,
  eqfLevel: number | undefined,
  instant: string,
): Accreditation | undefined => {
  if (state.status !== 'registered') return undefined;
  const at = instantMs(instant);
  return state.accreditations.find(
    (a) =>
      a.status === 'active' &&
      (a.scope.eqfLevels === undefined || (eqfLevel !== undefined && a.scope.eqfLevels.includes(eqfLevel))) &&
      instantMs(a.validFrom) <= at &&
      at < instantMs(a.validUntil),
  );
};

export const findAccreditation = (state: IssuerState, accreditationId: string): Accreditation | undefined =>
  state.status === 'registered'
    ? state.accreditations.find((a) => a.accreditationId === accreditationId)
    : undefined;
