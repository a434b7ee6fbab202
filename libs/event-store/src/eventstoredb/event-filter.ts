import {
  eventTypeFilter,
  type RegexFilter,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Server-side filter for `$all` subscriptions: exactly the given event types. Anchored, so
 * `CredentialIssued` does not also let `CredentialIssuedV2` through; system events (`$…`) never
 * match because no Credence type starts with `$`.
 */
export const eventTypesFilter = (types: readonly string[]): RegexFilter =>
  eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });

/**
 * The same test on the client. This client version cannot filter `readAll` on the server, and a
 * subscription's filter is re-checked here so both paths agree.
 */
export const credenceEventPredicate = (types: readonly string[]) => {
  const known = new Set(types);
  return (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean =>
    !event.streamId.startsWith('$') && !event.type.startsWith('$') && known.has(event.type);
};
