import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { feedCheckpointsPath, SqliteCheckpointStore } from '../checkpoint/sqlite-checkpoint-store';
import type { RelayHealth } from '../relay/health';
import { checkpointName } from '../relay/relay';
import { feedTopics } from '../topics';

const root = resolve(__dirname, '../../../..');

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

export type RelayProcess = Readonly<{
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  health: () => Promise<{ status: number; body: RelayHealth } | undefined>;
  /** GET /metrics on the health port: the Prometheus text, or undefined while it does not answer. */
  metrics: () => Promise<string | undefined>;
  output: () => string;
}>;

/** apps/feed-relay as a real child process, so it can be killed with SIGKILL. */
export const spawnRelay = async (
  options: Readonly<{ dataDir: string; brokers: readonly string[]; topicPrefix: string; batchSize: number }>,
): Promise<RelayProcess> => {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...['--import', './scripts/register-ts.mjs', 'apps/feed-relay/src/main.ts'],
      ...[
        '--topic-prefix',
        options.topicPrefix,
        '--batch-size',
        String(options.batchSize),
        '--probe-interval-ms',
        '1000',
      ],
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        CREDENCE_DATA_DIR: options.dataDir,
        KAFKA_BROKERS: options.brokers.join(','),
        HEALTH_PORT: String(port),
        KAFKA_TOPIC_PARTITIONS: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? -1)),
  );
  const health = async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      return { status: response.status, body: (await response.json()) as RelayHealth };
    } catch {
      return undefined; // not listening yet, or gone
    }
  };
  const metrics = async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      return response.ok ? await response.text() : undefined;
    } catch {
      return undefined;
    }
  };
  return { child, exited, health, metrics, output: () => output };
};

/** The checkpoint the relay app keeps in `<dataDir>/feed.sqlite`, read as another process would. */
export const readCheckpoint = async (dataDir: string, topicPrefix: string): Promise<string | null> => {
  const store = new SqliteCheckpointStore(feedCheckpointsPath(dataDir));
  try {
    return await store.load(checkpointName(feedTopics(topicPrefix)));
  } finally {
    await store.close();
  }
};
