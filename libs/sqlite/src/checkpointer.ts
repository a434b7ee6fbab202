import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { PAGE_CACHE_KIB } from './open';

/** The process's writer on the file, which a RESTART must hold back (see CheckpointerOptions.restart). */
export type PausableWriter = Readonly<{
  /** Begins no transaction until `resume`; called between transactions (the caller's event loop is free). */
  pause: () => void;
  resume: () => void;
}>;

export type CheckpointerOptions = Readonly<{
  /** Time between two checkpoints. */
  everyMs: number;
  /**
   * Past `atFrames` WAL frames, a RESTART follows the PASSIVE checkpoint. Under a steady stream of
   * commits PASSIVE never catches up with the writer, so SQLite never rewinds the WAL and the file
   * keeps growing. A RESTART needs a moment without a writer, which a busy writer never leaves (a
   * busy handler only polls), so the writer is asked to pause: its appends queue meanwhile, its
   * event loop stays free, and its next commit writes from the start of the WAL again.
   */
  restart?: Readonly<{ atFrames: number; writer: PausableWriter }>;
  /** How long a RESTART waits for readers of old snapshots before it gives up until the next tick. */
  busyTimeoutMs?: number;
}>;

/** A background checkpointer; `stop` lets its last checkpoint finish, then closes its connection. */
export type Checkpointer = Readonly<{ stop: () => Promise<void>; worker: Worker }>;

// Plain CommonJS run in a worker thread, with its own connection to the same file. PASSIVE never
// waits on the writer or readers; NORMAL makes the checkpoint fsync the WAL before copying it and
// the database after, as the writer's own checkpoints would. A failed checkpoint (the file busy,
// a reader holding an old snapshot) is simply tried again at the next tick.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = ' + -workerData.cacheKib);
let timer;
let stopped = false;
const later = () => { if (!stopped) timer = setTimeout(tick, workerData.everyMs); };
const tick = () => {
  let log = 0;
  try { [{ log }] = db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  if (workerData.restartAtFrames !== undefined && log >= workerData.restartAtFrames) parentPort.postMessage('pause');
  else later();
};
// A 'paused' that crossed 'stop' on the way is ignored: the connection is closed.
parentPort.on('message', (message) => {
  if (stopped) return;
  if (message === 'paused') {
    try { db.pragma('wal_checkpoint(RESTART)'); } catch {}
    parentPort.postMessage('resume');
    later();
  } else if (message === 'stop') {
    stopped = true;
    clearTimeout(timer);
    db.close();
    parentPort.close();
  }
});
tick();
`;

/** Checkpoints the SQLite file at `path` from a worker thread, off the caller's event loop. */
export const startCheckpointer = (path: string, options: CheckpointerOptions): Checkpointer => {
  const { everyMs, restart, busyTimeoutMs = 100 } = options;
  const driver = createRequire(__filename).resolve('better-sqlite3');
  // A checkpoint copies WAL frames into the file without keeping them in the page cache: the side size.
  const cacheKib = PAGE_CACHE_KIB.side;
  const workerData = { driver, path, everyMs, busyTimeoutMs, cacheKib, restartAtFrames: restart?.atFrames };
  // No execArgv: the worker runs plain JavaScript and needs none of the parent's loaders.
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData, execArgv: [] });
  let stopping: Promise<void> | undefined;
  worker.on('message', (message) => {
    // Referenced while the writer is paused: its queued appends must not be dropped by an exit.
    // A 'pause' that crossed 'stop' is not answered: the worker ends without restarting.
    if (message === 'pause' && !stopping) {
      worker.ref();
      restart?.writer.pause();
      worker.postMessage('paused');
    } else if (message === 'resume') {
      restart?.writer.resume();
      if (!stopping) worker.unref();
    }
  });
  // An error ends the worker; 'exit' follows, and the writer must never stay paused.
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      restart?.writer.resume();
      resolve();
    }),
  );
  // Never what keeps a process alive (unref after the listeners, which would ref it again): one
  // that exits without stopping it leaves at most a checkpoint half done, which SQLite redoes
  // from the WAL on the next open.
  worker.unref();
  const stop = () => {
    // Referenced again, so that a caller awaiting the stop is not cut short by the process exiting.
    stopping ??= (worker.ref(), worker.postMessage('stop'), exited);
    return stopping;
  };
  return { stop, worker };
};
