import { PinoLogger } from 'nestjs-pino';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';

/**
 * What Nest's loggers write during a request (the problem filter's 500s, a controller's warnings)
 * carries that request's id, the one its request line and X-Correlation-Id show, and nothing of
 * the request itself (its headers hold the token).
 */
describe('A log call made while a request is served', () => {
  let ledger: TestLedger;
  let logger: PinoLogger;

  beforeAll(async () => {
    ledger = await startLedger({}, async (app) => {
      logger = await app.resolve(PinoLogger);
      // A route of the probe's own, beside the app's: it answers with the bindings a log line made
      // inside its handler (after a turn of the event loop) would carry.
      app
        .getHttpAdapter()
        .getInstance()
        .get('/v1/probe-log-context', async () => {
          await new Promise((done) => setImmediate(done));
          return { bindings: logger.logger.bindings() };
        });
    });
  });
  afterAll(() => ledger.close());

  it("is bound to the request's id and to nothing else of the request", async () => {
    const first = await ledger.request('GET', '/v1/probe-log-context', { token: ADMIN_TOKEN });
    const second = await ledger.request('GET', '/v1/probe-log-context');
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
    expect((await ledger.app.resolve(PinoLogger)).logger.bindings()).toEqual({ service: 'ledger-api' });
  });
});
