import type { PathwayEvent, PathwayPublished } from './events';

export type PathwayState =
  | Readonly<{ status: 'absent' }>
  | (PathwayPublished['data'] &
      Readonly<{
        status: 'published';
        /** Which stack each claimed component credential backs on this pathway. */
        claims: Readonly<Record<string, string>>;
      }>);

export const initialPathwayState = (): PathwayState => ({ status: 'absent' });

const withClaims = (claims: Readonly<Record<string, string>>, ids: readonly string[], stackId?: string) => {
  const next = { ...claims };
  for (const id of ids) {
    if (stackId === undefined) delete next[id];
    else next[id] = stackId;
  }
  return next;
};

export const evolvePathway = (state: PathwayState, { type, data }: PathwayEvent): PathwayState => {
  if (type === 'PathwayPublished') return { status: 'published', ...data, claims: {} };
  if (state.status === 'absent') return state;
  switch (type) {
    case 'PathwayComponentsClaimed':
      return { ...state, claims: withClaims(state.claims, data.componentCredentialIds, data.stackId) };
    case 'PathwayComponentsReleased':
      return { ...state, claims: withClaims(state.claims, data.componentCredentialIds) };
  }
};
