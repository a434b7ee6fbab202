import { setFlagsFromString } from 'node:v8';

/** Each worker thread's semi-space in MB: its young generation is two of them, 8 MB. */
export const WORKER_SEMI_SPACE_MB = 4;

/**
 * Sizes the young generation of every worker thread started from now on (the embedded projector,
 * the WAL checkpointer, a first start's tree build). V8 reads --max-semi-space-size when it creates
 * an isolate, and the flag wins over a Worker's `resourceLimits`, so the launcher's 16 MB, chosen
 * for the main thread's requests, was every thread's too. After a first start's catch-up the
 * projector's heap held 57-59 MB, 24-31 MB of it live and 32 MB a young generation it no longer
 * used; at 8 MB the resident set after a first start fell by ~36 MB (issue 20, bench/README.md
 * "wip/mem3"). The main thread's heap exists already and keeps the launcher's size.
 */
export const sizeWorkerYoungGenerations = (semiSpaceMb = WORKER_SEMI_SPACE_MB): void => {
  setFlagsFromString(`--max-semi-space-size=${semiSpaceMb}`);
};
