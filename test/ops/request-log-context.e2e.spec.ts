import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PinoLogger } from 'nestjs-pino';
import { createLedgerApp } from '../../apps/ledger-api/src/bootstrap';
import { loadLedgerConfig } from '../../apps/ledger-api/src/config';
import { ADMIN_TOKEN, requester } from '../support/ledger-app';

/**
 * What Nest's loggers write during a request (the problem filter's 500s, a controller's warnings)
 * carries that request's id, the one its request line and X-Correlation-Id show, and nothing of
 * the request itself (its headers hold the token).
 */
describe('A log call made while a request is served', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-logctx-'));
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const config = loadLedgerConfig({
      CREDENCE_DATA_DIR: dataDir,
      CREDENCE_ADMIN_TOKEN: ADMIN_TOKEN,
      CREDENCE_RULES_DIR: resolve(__dirname, '../../rules'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    app = await createLedgerApp(config);
    const logger = await app.resolve(PinoLogger);
    // A route of the probe's own, beside the app's: it answers with the bindings a log line made
    // inside its handler (after a turn of the event loop) would carry.
    app
      .getHttpAdapter()
      .getInstance()
      .get('/v1/probe-log-context', async () => {
        await new Promise((done) => setImmediate(done));
        return { bindings: logger.logger.bindings() };
      });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is bound to the request's id and to nothing else of the request", async () => {
    const first = await requester(baseUrl)('GET', '/v1/probe-log-context', { token: ADMIN_TOKEN });
    const second = await requester(baseUrl)('GET', '/v1/probe-log-context');
    expect(first.status).toBe(200);
    expect(first.body.bindings).toEqual({
      service: 'ledger-api',
      reqId: first.headers.get('x-correlation-id'),
    });
    expect(second.body.bindings).toEqual({
      service: 'ledger-api',
      reqId: second.headers.get('x-correlation-id'),
    });
    expect(second.body.bindings.reqId).not.toEqual(first.body.bindings.reqId);
  });

  it('is not bound to any request outside one', async () => {
    expect((await app.resolve(PinoLogger)).logger.bindings()).toEqual({ service: 'ledger-api' });
  });
});
