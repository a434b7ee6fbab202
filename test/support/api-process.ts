import { resolve } from 'node:path';
import { freePort } from '@credence/feed/testing/relay-process';
import { eventually } from '@credence/feed/testing/kafka';
import { type Child, runEntry } from '../read-models/support/child';
import { ADMIN_TOKEN, requester, type TestLedger } from './ledger-app';

export type ApiProcess = Child &
  Readonly<{
    baseUrl: string;
    request: TestLedger['request'];
    /** The JSON log lines written so far (anything else on stdout/stderr is skipped). */
    logLines: () => Record<string, unknown>[];
  }>;

const parseLines = (output: string): Record<string, unknown>[] =>
  output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

/**
 * apps/ledger-api/src/main.ts as its own process, as deployed: real signals, a real log on stdout.
 * Kafka and PostgreSQL stay off unless `env` names them, whatever the test runner's environment says.
 */
export const spawnApi = async (dataDir: string, env: Record<string, string> = {}): Promise<ApiProcess> => {
  const port = await freePort();
  const child = runEntry('apps/ledger-api/src/main.ts', [], {
    CREDENCE_DATA_DIR: dataDir,
    CREDENCE_ADMIN_TOKEN: ADMIN_TOKEN,
    CREDENCE_RULES_DIR: resolve(__dirname, '../../rules'),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    KAFKA_BROKERS: '',
    DATABASE_URL: '',
    METRICS_PORT: '',
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exited = false;
  void child.exited.then(() => (exited = true));
  await eventually('ledger-api to answer /health/live', async () => {
    if (exited) throw new Error(`ledger-api exited during start-up:\n${child.output()}`);
    return fetch(`${baseUrl}/health/live`).then(
      (r) => r.ok,
      () => false,
    );
  });
  return { ...child, baseUrl, request: requester(baseUrl), logLines: () => parseLines(child.output()) };
};

/** SIGTERM, then the exit code. */
export const terminate = async (api: ApiProcess): Promise<number | null> => {
  api.process.kill('SIGTERM');
  return api.exited;
};
