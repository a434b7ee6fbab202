import type { PrincipalCreated, PrincipalEvent } from './events';

export type PrincipalRecord = Omit<PrincipalCreated['data'], 'by' | 'at'> &
  Readonly<{ createdAt: string; disabledAt?: string; rotations: number }>;

/** The one `principals` stream: every principal the log knows, by id. */
export type PrincipalsState = Readonly<{ principals: Readonly<Record<string, PrincipalRecord>> }>;

export const initialPrincipalsState = (): PrincipalsState => ({ principals: {} });

export const evolvePrincipals = (state: PrincipalsState, { type, data }: PrincipalEvent): PrincipalsState => {
  const known = state.principals[data.principalId];
  const put = (record: PrincipalRecord) => ({
    principals: { ...state.principals, [data.principalId]: record },
  });
  switch (type) {
    case 'PrincipalCreated': {
      const { by: _by, at, ...created } = data;
      return put({ ...created, createdAt: at, rotations: 0 });
    }
    case 'PrincipalDisabled':
      return known ? put({ ...known, disabledAt: data.at }) : state;
    case 'PrincipalTokenRotated':
      return known ? put({ ...known, rotations: known.rotations + 1 }) : state;
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
};
