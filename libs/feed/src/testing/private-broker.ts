import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './relay-process';

const script = resolve(__dirname, '../../../../scripts/kafka-local.sh');

export type PrivateBroker = Readonly<{
  brokers: string[];
  /** SIGTERM, as `kafka-local.sh stop` does. */
  stop: () => Promise<void>;
  /** Starts again on the same data: topics and offsets survive. */
  restart: () => Promise<void>;
  destroy: () => Promise<void>;
}>;

/**
 * A broker of this test's own (scripts/kafka-local.sh on free ports and a temp dir), so stopping it
 * disturbs nobody else's tests on the shared broker.
 */
export const startPrivateBroker = async (): Promise<PrivateBroker> => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    KAFKA_LOCAL_DIR: dir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
  };
  const run = (...args: string[]) =>
    promisify(execFile)('bash', [script, ...args], { env }).then(() => undefined);
  await run('start');
  return {
    brokers: [`127.0.0.1:${port}`],
    stop: () => run('stop'),
    restart: () => run('start', '--keep-data'),
    destroy: async () => {
      await run('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
