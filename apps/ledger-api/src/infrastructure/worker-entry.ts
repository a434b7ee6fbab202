// Moved to libs/runtime so that a library's thread (the event store's writer) can share it.
export { WORKER_BOOTSTRAP, workerEntry } from '@credence/runtime/worker-entry';
