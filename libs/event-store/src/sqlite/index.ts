export { SqliteEventStore, type SqliteEventStoreOptions, type SqliteSettings } from './sqlite-event-store';
export type { GroupCommitStats } from './group-commit';
export { SCHEMA_VERSION } from './schema';
export { openDurableDatabase } from './connection';
export { toRecordedEvent, type EventRow } from './statements';
