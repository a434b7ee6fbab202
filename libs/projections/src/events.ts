import type { CredenceEvent, CredenceEventType, RulesetStamp } from '@credence/domain';
import { instantMs } from '@credence/domain';
import type { RecordedEvent } from '@credence/event-store';

/** A recorded envelope whose type and data are one of the domain's events (distributes over the union). */
export type ProjectedEvent<E extends CredenceEvent = CredenceEvent> = E extends CredenceEvent
  ? Omit<RecordedEvent, 'type' | 'data'> & Readonly<{ type: E['type']; data: E['data'] }>
  : never;

export type EventOf<T extends CredenceEventType> = ProjectedEvent<Extract<CredenceEvent, { type: T }>>;

/** Milliseconds of an RFC 3339 instant, or null: a projection never throws on a recorded fact. */
export const msOrNull = (instant: string | null | undefined): number | null => {
  if (!instant) return null;
  try {
    return instantMs(instant);
  } catch {
    return null;
  }
};

/** The key rulesets are grouped by: `id@version`, or `-` for decisions made before any ruleset. */
export const NO_RULESET = '-';
export const rulesetGroup = (stamp: Pick<RulesetStamp, 'id' | 'version'> | null | undefined): string =>
  stamp ? `${stamp.id}@${stamp.version}` : NO_RULESET;

export const parseRulesetGroup = (key: string): { id: string; version: string } | null => {
  const at = key.lastIndexOf('@');
  return key === NO_RULESET || at <= 0 ? null : { id: key.slice(0, at), version: key.slice(at + 1) };
};
