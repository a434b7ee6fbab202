export { describeEventStoreContract, type EventStoreContractFactory } from './contract';
export {
  CONTRACT_EVENT_TYPES,
  CONTRACT_SCHEMA_VERSIONS,
  metadataFor,
  newEvent,
  newEvents,
  rejectionOf,
  uniqueStream,
} from './fixtures';
export { tempDir } from './temp-dir';
