export { SqliteEventStore, type SqliteEventStoreOptions, type SqliteSettings } from './sqlite-event-store';
export type { CommitHook, GroupCommitStats } from './group-commit';
export { SCHEMA_VERSION } from './schema';
export { toRecordedEvent, type EventRow } from './statements';
export { WAL_DEFAULTS, type WalSettings } from './background-checkpoints';
export type { CommitHookModule } from './commit-hook';
