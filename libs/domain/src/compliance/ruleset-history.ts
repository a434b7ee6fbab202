import { type LifecycleQuestion, recordedMs } from '../lifecycle';
import type { RulesetActivated } from './events';

/** A RulesetActivated as recorded: its data and the instant the ledger recorded it (`metadata.now`). */
export type RecordedActivation = RulesetActivated['data'] & Readonly<{ recordedAt: string }>;

export type RulesetInForce = Readonly<{
  id: string;
  version: string;
  hash: string;
  /** When the activation was recorded: it took effect then. */
  activatedAt: string;
  reason: RulesetActivated['data']['reason'];
}>;

/**
 * "Which ruleset decided commands at `atMs`, as the ledger knew it at `asOfMs`?": the last activation
 * recorded by both. An activation takes effect when recorded (none has an earlier effective date), so
 * the two instants act alike; `asOf` still hides activations recorded after it. Null: none yet.
 */
export const rulesetInForceFrom = (
  activations: readonly RecordedActivation[],
  { atMs, asOfMs }: LifecycleQuestion,
): RulesetInForce | null => {
  const byMs = Math.min(atMs, asOfMs);
  const known = activations
    .map((a) => ({ a, ms: recordedMs(a.recordedAt) }))
    .filter((x): x is { a: RecordedActivation; ms: number } => x.ms !== null && x.ms <= byMs);
  if (known.length === 0) return null;
  const { a } = known.reduce((latest, x) => (x.ms >= latest.ms ? x : latest));
  return { id: a.rulesetId, version: a.version, hash: a.hash, activatedAt: a.recordedAt, reason: a.reason };
};
