import Database from 'better-sqlite3';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore, sqliteEventsPath, type Subscription } from '@credence/event-store';
import { openDurableDatabase, PAGE_CACHE_KIB } from '@credence/sqlite';
import {
  buildEmbeddedTree,
  CheckpointStore,
  EmbeddedLogTree,
  followIntoTree,
  type LogTree,
  loadLogSigner,
  mapForProofs,
  ProjectedLogTree,
  TransparencyLog,
  transparencyPath,
} from '@credence/transparency';
import { LedgerConfig } from '../config';

/**
 * Owns the transparency log inside ledger-api: opens the tree (the embedded store's, built once
 * for a ledger from before this version; or EventStoreDB's projection), signs a checkpoint at most
 * once per interval while the tree grows, and closes it all on shutdown.
 */
@Injectable()
export class LogRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TransparencyLog');
  readonly log: TransparencyLog;
  private readonly tree: LogTree;
  private readonly checkpoints: CheckpointStore;
  private projection?: Subscription;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: LedgerConfig,
    private readonly store: EventStore,
  ) {
    const { signer, generated } = loadLogSigner({
      dataDir: config.dataDir,
      origin: config.transparencyLog.origin,
      seed: config.transparencyLog.seed,
    });
    if (generated) this.logger.log(`Generated the log key in ${config.dataDir}/log-key`);
    this.logger.log(`Log verifier key: ${signer.vkey}`);
    this.checkpoints = CheckpointStore.open(config.dataDir);
    this.tree = this.openTree();
    this.log = new TransparencyLog(this.tree, this.checkpoints, signer);
  }

  onApplicationBootstrap(): void {
    if (this.tree instanceof ProjectedLogTree) {
      this.projection = followIntoTree(this.store, this.tree);
      this.projection.done.catch((error: unknown) =>
        this.logger.error(`Tree projection stopped: ${(error as Error).message}`),
      );
    }
    // One signer per deployment: a cluster's followers serve the checkpoints the leader signs.
    if (!this.config.background) return;
    this.signNow();
    this.timer = setInterval(() => this.signNow(), this.config.transparencyLog.checkpointIntervalMs);
    this.timer.unref();
  }

  /** Signs when the tree grew; a failure is logged and retried on the next tick, never thrown at callers. */
  signNow(): void {
    try {
      const signed = this.log.signIfGrown();
      if (signed) this.logger.debug?.(`Signed checkpoint at tree size ${signed.treeSize}`);
    } catch (error) {
      this.logger.error(`Signing a checkpoint failed: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.projection?.stop();
    this.tree.close();
    this.checkpoints.close();
  }

  private openTree(): LogTree {
    if (this.config.eventStore === 'eventstoredb') {
      return new ProjectedLogTree(
        mapForProofs(openDurableDatabase({ path: transparencyPath(this.config.dataDir) })),
      );
    }
    const path = sqliteEventsPath(this.config.dataDir);
    // Reads the log once, start to end: the side cache (a page is not read twice).
    const builder = openDurableDatabase({ path });
    try {
      const started = Date.now();
      const size = buildEmbeddedTree(builder);
      this.logger.log(`Merkle tree holds ${size} leaves (checked in ${Date.now() - started} ms)`);
    } finally {
      builder.close();
    }
    // Reads only: appends update the tree through the store's own commit hook.
    const reader = new Database(path, { readonly: true });
    // Its pages come from the memory map, not the page cache: the side size is plenty.
    reader.pragma(`cache_size = ${-PAGE_CACHE_KIB.side}`);
    return new EmbeddedLogTree(mapForProofs(reader));
  }
}
