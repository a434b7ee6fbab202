import type Database from 'better-sqlite3';
import { type Checkpointer, type PausableWriter, startCheckpointer } from '@credence/sqlite';

export type WalSettings = Readonly<{
  /**
   * Committed transactions before the checkpoints move to a worker thread. Starting a worker costs
   * tens of ms of CPU, so a store that commits a few times (a test, a CLI command) keeps SQLite's
   * own checkpoints; 0 starts the worker with the first commit.
   */
  backgroundAfterCommits: number;
  /** How often the worker checkpoints (PASSIVE: it never waits for the writer). */
  checkpointEveryMs: number;
  /**
   * The WAL size past which the worker RESTARTs the WAL: the writer pauses while the last frames
   * are copied, then writes from the start of the file again. The file peaks above it by what the
   * writer commits between two ticks of the worker.
   */
  restartAtBytes: number;
}>;

export const WAL_DEFAULTS: WalSettings = {
  backgroundAfterCommits: 64,
  checkpointEveryMs: 20,
  restartAtBytes: 16 * 1024 * 1024,
};

/** Each WAL frame is a page and a 24-byte header. */
const WAL_FRAME_HEADER = 24;

/**
 * Moves the WAL checkpoints off the writer's commits. SQLite's auto-checkpoint runs inside the
 * COMMIT that crosses 1000 WAL pages: it copies the WAL into the database and fsyncs both, on the
 * event loop, about half of a COMMIT's time under load. Here the writer runs with
 * `wal_autocheckpoint=0` and a worker thread (its own connection) checkpoints instead. Durability
 * does not change: each COMMIT is still fsynced in the WAL before it is acknowledged, and a kill -9
 * mid-checkpoint is redone from the WAL on the next open. Should the worker die, the writer goes
 * back to checkpointing itself, so the WAL never grows without bound. One worker per writing
 * process: the others' writers are not paused, so with several, a RESTART may find the file busy
 * and wait for a later tick.
 */
export class BackgroundCheckpoints {
  private checkpointer: Checkpointer | undefined;
  private commits = 0;
  private stopped = false;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly writer: PausableWriter,
    private readonly settings: WalSettings,
  ) {}

  /** Told after every committed transaction; starts the worker once the writer is busy enough. */
  committed(): void {
    if (this.checkpointer || this.stopped || this.path === ':memory:') return;
    this.commits += 1;
    if (this.commits >= this.settings.backgroundAfterCommits) this.start();
  }

  /** Lets the worker's last checkpoint finish and closes its connection; the writer's own close then checkpoints. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.checkpointer?.stop();
  }

  private start(): void {
    const own = Number(this.db.pragma('wal_autocheckpoint', { simple: true }));
    const frameBytes = Number(this.db.pragma('page_size', { simple: true })) + WAL_FRAME_HEADER;
    this.checkpointer = startCheckpointer(this.path, {
      everyMs: this.settings.checkpointEveryMs,
      restart: {
        atFrames: Math.max(1, Math.floor(this.settings.restartAtBytes / frameBytes)),
        writer: this.writer,
      },
    });
    // The writer checkpoints itself until the worker runs (starting one takes tens of ms).
    this.checkpointer.worker.once('online', () => {
      if (!this.stopped && this.db.open) this.db.pragma('wal_autocheckpoint = 0');
    });
    this.checkpointer.worker.once('exit', () => {
      if (!this.stopped && this.db.open) this.db.pragma(`wal_autocheckpoint = ${own}`);
    });
  }
}
