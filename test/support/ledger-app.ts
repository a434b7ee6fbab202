import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLedgerApp } from '../../apps/ledger-api/src/bootstrap';
import { loadLedgerConfig } from '../../apps/ledger-api/src/config';

export const ADMIN_TOKEN = 'cred_e2e-admin-token-0123456789abcdef';

export type Reply = Readonly<{ status: number; headers: Headers; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type TestLedger = Readonly<{
  app: NestFastifyApplication;
  baseUrl: string;
  dataDir: string;
  request: (
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Reply>;
  close: () => Promise<void>;
}>;

/** JSON over real HTTP with an optional bearer token: the e2e tests' and the bench's one client. */
export const requester =
  (baseUrl: string): TestLedger['request'] =>
  async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') && text ? JSON.parse(text) : text,
    };
  };

/** The production wiring on a temp data dir, served on an ephemeral loopback port. */
export const startLedger = async (
  env: Record<string, string> = {},
  /** Runs on the built app before it listens: a test's own probe routes, say. */
  beforeListen: (app: NestFastifyApplication) => void | Promise<void> = () => undefined,
): Promise<TestLedger> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-e2e-'));
  const config = loadLedgerConfig({
    CREDENCE_DATA_DIR: dataDir,
    CREDENCE_ADMIN_TOKEN: ADMIN_TOKEN,
    CREDENCE_RULES_DIR: resolve(__dirname, '../../rules'),
    PORT: '0',
    HOST: '127.0.0.1',
    // Tests that read the log capture it from a child process (test/ops); here it would only be noise.
    LOG_LEVEL: 'silent',
    // Tests read /health to count the log; the public-route limit has its own tests (test/security).
    CREDENCE_PUBLIC_RATE_LIMIT: '1000000',
    ...env,
  });
  const app = await createLedgerApp(config);
  await beforeListen(app);
  await app.listen(config.port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const request = requester(baseUrl);
  return {
    app,
    baseUrl,
    dataDir,
    request,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
