import type { RecordedEvent } from './envelope';

/** Lifts one event type's data from schema version `v` (its key in `UpcastersOf`) to `v + 1`. */
export type Upcaster = (data: never) => unknown;

/**
 * The caller's upcasters: per event type, per schema version, the step to the next version. The
 * store stays generic: the domain supplies the table, keyed by `(type, schemaVersion)`.
 */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/** A recorded envelope whose type and data are one of the caller's events (distributes over the union). */
export type DomainRecorded<E extends Readonly<{ type: string; data: unknown }>> = E extends unknown
  ? Omit<RecordedEvent, 'type' | 'data'> & Readonly<{ type: E['type']; data: E['data'] }>
  : never;

/**
 * The one place a stored envelope becomes a domain event: its data is lifted step by step from
 * the version it was written in to the newest one the table knows. An event already current, or
 * of a type without upcasters, comes back as it was (same object). The types are the caller's to
 * vouch for: the store cannot check data it does not know.
 */
export const toDomainEvent = <E extends Readonly<{ type: string; data: unknown }>>(
  recorded: RecordedEvent,
  upcasters: Upcasters,
): DomainRecorded<E> => {
  const steps = Object.hasOwn(upcasters, recorded.type) ? upcasters[recorded.type] : undefined;
  let { data, schemaVersion } = recorded;
  while (steps && Object.hasOwn(steps, schemaVersion)) {
    data = (steps[schemaVersion] as (data: unknown) => unknown)(data);
    schemaVersion++;
  }
  const upcast = schemaVersion === recorded.schemaVersion ? recorded : { ...recorded, data, schemaVersion };
  return upcast as DomainRecorded<E>;
};
