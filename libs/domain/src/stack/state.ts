import type { StackedCredentialAwarded, StackEvent } from './events';

type Awarded = StackedCredentialAwarded['data'];
/** `componentCredentialIds`, `totalEcts` and `validUntil` describe the components that back it now. */
type Live = Awarded &
  Readonly<{
    /** Revoked components the stack survived (StackComponentLost). */
    lostComponentIds: readonly string[];
    /** Superseded components the stack now holds the re-issues of. */
    replacedComponentIds: readonly string[];
  }>;

export type StackState =
  | Readonly<{ status: 'absent' }>
  | (Live & Readonly<{ status: 'awarded' }>)
  | (Live & Readonly<{ status: 'suspended'; suspendedComponentIds: readonly string[] }>)
  | (Live & Readonly<{ status: 'invalidated'; invalidatedBy: string }>);

export type AwardedStackState = Exclude<StackState, { status: 'absent' }>;

export const initialStackState = (): StackState => ({ status: 'absent' });

/** The fields every awarded status shares, without those of the status it leaves. */
const live = (state: AwardedStackState): Live => {
  const {
    status: _s,
    suspendedComponentIds: _c,
    invalidatedBy: _i,
    ...common
  } = state as Live & {
    status: unknown;
    suspendedComponentIds?: unknown;
    invalidatedBy?: unknown;
  };
  return common;
};

/** The backing components changed: the stack takes their ids, ECTS and earliest end from the event. */
const withComponents = (
  state: AwardedStackState,
  data: Pick<Awarded, 'componentCredentialIds' | 'totalEcts' | 'validUntil'>,
  former: Pick<Live, 'lostComponentIds' | 'replacedComponentIds'>,
): AwardedStackState => {
  const { validUntil: _v, ...rest } = state;
  return {
    ...rest,
    componentCredentialIds: data.componentCredentialIds,
    totalEcts: data.totalEcts,
    ...(data.validUntil !== undefined ? { validUntil: data.validUntil } : {}),
    ...former,
  };
};

export const evolveStack = (state: StackState, event: StackEvent): StackState => {
  if (event.type === 'StackedCredentialAwarded') {
    return { status: 'awarded', ...event.data, lostComponentIds: [], replacedComponentIds: [] };
  }
  // An invalidated stack is final; events for an absent one cannot be recorded.
  if (state.status === 'absent' || state.status === 'invalidated') return state;
  const { type, data } = event;
  switch (type) {
    case 'StackedCredentialInvalidated':
      return { ...live(state), status: 'invalidated', invalidatedBy: data.componentCredentialId };
    case 'StackComponentLost':
      return withComponents(state, data, {
        lostComponentIds: [...state.lostComponentIds, data.componentCredentialId],
        replacedComponentIds: state.replacedComponentIds,
      });
    case 'StackComponentReplaced':
      return withComponents(state, data, {
        lostComponentIds: state.lostComponentIds,
        replacedComponentIds: [...state.replacedComponentIds, data.componentCredentialId],
      });
    case 'StackedCredentialSuspended':
      return { ...live(state), status: 'suspended', suspendedComponentIds: data.suspendedComponentIds };
    case 'StackedCredentialReinstated':
      return { ...live(state), status: 'awarded' };
  }
};
