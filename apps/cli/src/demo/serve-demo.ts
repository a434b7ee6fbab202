import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { seedDemo, type SeedIo } from './seed';
import { summaryLines } from './summary';

const ROOT = resolve(__dirname, '../../../..');

const answers = (url: string) =>
  fetch(url).then(
    (r) => r.ok,
    () => false,
  );

/**
 * `npm run demo`: ledger-api on a fresh temporary data dir, seeded with the `small` world, serving
 * until Ctrl-C; then the process stops and the data dir is removed.
 */
export const serveDemo = async (flags: { port: string; seed: string }, io: SeedIo): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-demo-'));
  const token = `cred_demo-${randomBytes(16).toString('hex')}`;
  const baseUrl = `http://127.0.0.1:${flags.port}`;
  const api = spawn(
    process.execPath,
    ['--import', './scripts/register-ts.mjs', 'apps/ledger-api/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        CREDENCE_DATA_DIR: dataDir,
        CREDENCE_ADMIN_TOKEN: token,
        CREDENCE_RULES_DIR: join(ROOT, 'rules'),
        PORT: flags.port,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = once(api, 'exit');
  const stop = () => api.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    io.out(`starting ledger-api on ${baseUrl} (data in ${dataDir})`);
    while (!(await answers(`${baseUrl}/health/live`))) {
      if (api.exitCode !== null) throw new Error(`ledger-api exited with ${api.exitCode} during start-up`);
      await delay(250);
    }
    const summary = await seedDemo({ api: baseUrl, token, scale: 'small', seed: Number(flags.seed) }, io);
    summaryLines(summary).forEach((line) => io.out(line));
    io.out(`admin token: ${token}`);
    io.out('');
    io.out(`console:  ${baseUrl}/console   (sign in with the qa-body token above)`);
    io.out(`API docs: ${baseUrl}/docs`);
    io.out('Ctrl-C stops the ledger and deletes its data.');
    await exited;
  } finally {
    if (api.exitCode === null) stop();
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
};
