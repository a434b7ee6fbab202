import cluster, { type Worker } from 'node:cluster';

/**
 * CREDENCE_WORKERS=N (N > 1, embedded store only): N processes accept connections on the one port
 * (node:cluster; the primary hands each connection to a worker in turn) and share the data dir.
 * The store, the read models, the tree and the side databases are files that several processes may
 * share (WAL; each append and each projector batch is one transaction, checked by compare-and-set).
 *
 * What must exist once per deployment runs in the first worker only, the leader: the reactor, the
 * embedded projector, the feed relay and its topics, the checkpoint signer, resuming unfinished
 * batches and the metrics listener. The others are followers: they serve requests and nothing else.
 * The leader starts alone and first, so the start-up writes (bootstrap admin, default ruleset,
 * access reconciliation) are done once before any follower, which then finds nothing to do.
 */
const LEADER_ID = 1;

/** Whether this process is a follower of a cluster: it leaves the deployment's background work to the leader. */
export const isClusterFollower = (): boolean => cluster.isWorker && cluster.worker?.id !== LEADER_ID;

const started = (worker: Worker): Promise<void> =>
  new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`worker ${worker.id} exited with ${code} on start`));
    worker.once('exit', onExit);
    worker.once('listening', () => {
      worker.off('exit', onExit);
      resolve();
    });
  });

/**
 * The primary: forks the leader, waits until it listens, then the followers one by one. A worker
 * that exits takes the whole deployment down (the rest are stopped, exit code 1): without its
 * leader a cluster would serve with no projector or reactor, so the orchestrator restarts it whole.
 * SIGTERM and SIGINT go to every worker, each of which drains and stops as a single process does.
 */
export const runClusterPrimary = async (workers: number, log: (message: string) => void): Promise<void> => {
  let stopping = false;
  let failed = false;
  const stopAll = (signal: NodeJS.Signals) => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      log(`worker ${worker.id} exited (${signal ?? code}): stopping the others`);
      failed = true;
      stopping = true;
      stopAll('SIGTERM');
    } else if (code !== 0) failed = true;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      stopAll(signal);
    });
  }
  await started(cluster.fork());
  log(`leader (worker ${LEADER_ID}) is listening; starting ${workers - 1} follower(s)`);
  for (let i = 1; i < workers; i += 1) await started(cluster.fork());
};
