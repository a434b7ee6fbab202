import type { Command, Decider } from '../core';
import type { RulesetActivated } from './events';

export type ActivateRuleset = Command<
  'ActivateRuleset',
  { rulesetId: string; version: string; hash: string; reason: 'startup-default' | 'explicit' }
>;

export type ActiveRulesetState =
  | Readonly<{ status: 'none' }>
  | Readonly<{ status: 'active'; rulesetId: string; version: string; hash: string }>;

/** One command type, so no switch: the union grows a switch with an exhaustiveness check when it grows. */
const decideRulesets = (
  { data, metadata }: ActivateRuleset,
  state: ActiveRulesetState,
): RulesetActivated[] => {
  const { rulesetId, version, hash, reason } = data;
  const already =
    state.status === 'active' &&
    state.rulesetId === rulesetId &&
    state.version === version &&
    state.hash === hash;
  // A start-up default never overrides a ledger that already has an active ruleset.
  if (already || (reason === 'startup-default' && state.status === 'active')) return [];
  return [
    {
      type: 'RulesetActivated',
      data: { rulesetId, version, hash, activatedBy: metadata.principal.id, reason },
    },
  ];
};

/** The `rulesets` stream: which ruleset (and exact content hash) decides commands from now on. */
export const rulesetsDecider: Decider<ActiveRulesetState, ActivateRuleset, RulesetActivated> = {
  decide: decideRulesets,
  evolve: (_state, { data }) => ({
    status: 'active',
    rulesetId: data.rulesetId,
    version: data.version,
    hash: data.hash,
  }),
  initialState: () => ({ status: 'none' }),
};
