import type { CredenceEvent, CredenceEventType, RulesetStamp } from '@credence/domain';
import { EVENT_UPCASTERS, instantMs } from '@credence/domain';
import { type DomainRecorded, type RecordedEvent, toDomainEvent } from '@credence/event-store';

/** A recorded envelope whose type and data are one of the domain's events (distributes over the union). */
export type ProjectedEvent<E extends CredenceEvent = CredenceEvent> = DomainRecorded<E>;

/** A stored envelope read as the domain's current event: older schema versions upcast. */
export const projectedEvent = (recorded: RecordedEvent): ProjectedEvent =>
  toDomainEvent<CredenceEvent>(recorded, EVENT_UPCASTERS);

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
