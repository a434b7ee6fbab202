export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store';
export { encodePosition, decodePosition } from './position-codec';
export { toEventStoreError } from './error-mapping';
