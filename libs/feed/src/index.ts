export * from './topics';
export * from './headers';
export * from './messages';
export * from './credential-status';
export * from './checkpoint/checkpoint-store';
export * from './checkpoint/sqlite-checkpoint-store';
export { isHealthy, type RelayHealth, type RelayState } from './relay/health';
export {
  startRelay,
  checkpointName,
  RelayRejectedError,
  type Relay,
  type RelayOptions,
  type FeedLogger,
} from './relay/relay';
export { relaySettingsFromEnv, parseBrokers, type RelaySettings } from './relay/settings';
export type { Backoff } from '@credence/runtime';
export { FeedVerifier, parseEnvelope, type Verdict } from './tail/verifier';
export { TailHandler, type BrokenLink, type ConsumedMessage, type TailOutcome } from './tail/tail-message';
export { tailFeed, type TailOptions, type TailSummary } from './tail/tail';
export { consumeTopic, type ConsumeOptions } from './tail/consume';
export {
  startCheckpointFeed,
  checkpointMessage,
  type CheckpointFeed,
  type CheckpointFeedOptions,
  type SignedCheckpointSource,
} from './checkpoints/checkpoint-feed';
export {
  startStatusListFeed,
  statusListMessage,
  type PublishedList,
  type StatusListFeed,
  type StatusListFeedOptions,
  type StatusListSource,
} from './status-lists/status-list-feed';
