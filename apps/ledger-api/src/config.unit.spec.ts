import { ConfigError } from '@credence/config';
import { loadLedgerConfig } from './config';

describe('ledger-api operations settings', () => {
  it('defaults: info JSON logs, no metrics port, a lag of 1000 for readiness, 10 s to drain', () => {
    const config = loadLedgerConfig({});
    expect(config.log).toEqual({ level: 'info', format: 'json' });
    expect(config.metrics).toBeUndefined();
    expect([config.readyMaxLag, config.shutdownDrainMs]).toEqual([1000, 10_000]);
  });

  it('METRICS_PORT binds to 127.0.0.1 unless METRICS_HOST says otherwise', () => {
    expect(loadLedgerConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadLedgerConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({
      port: 9464,
      host: '10.0.0.5',
    });
  });

  it('issuer ids in the url form unless CREDENCE_ISSUER_ID_FORM says did-web or did-key', () => {
    expect(loadLedgerConfig({}).credentials.issuerIdForm).toBe('url');
    expect(loadLedgerConfig({ CREDENCE_ISSUER_ID_FORM: 'did-web' }).credentials.issuerIdForm).toBe('did-web');
    expect(loadLedgerConfig({ CREDENCE_ISSUER_ID_FORM: 'did-key' }).credentials.issuerIdForm).toBe('did-key');
  });

  it('one process unless CREDENCE_WORKERS says more; a process outside a cluster runs the background work', () => {
    expect(loadLedgerConfig({})).toMatchObject({ workers: 1, background: true, projector: 'embedded' });
    expect(loadLedgerConfig({ CREDENCE_WORKERS: '2' })).toMatchObject({ workers: 2, background: true });
  });

  it("writes the embedded store's appends on the event loop unless CREDENCE_SQLITE_WRITER=thread", () => {
    expect(loadLedgerConfig({}).sqliteWriter).toBe('inline');
    expect(loadLedgerConfig({ CREDENCE_SQLITE_WRITER: 'thread' }).sqliteWriter).toBe('thread');
  });

  it('refuses more than one worker on EventStoreDB, whose tree each process follows in memory', () => {
    expect(() =>
      loadLedgerConfig({
        CREDENCE_WORKERS: '2',
        CREDENCE_EVENT_STORE: 'eventstoredb',
        ESDB_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      }),
    ).toThrow(/CREDENCE_WORKERS above 1 needs the embedded store/);
  });

  it.each([
    ['CREDENCE_WORKERS', '0'],
    ['CREDENCE_WORKERS', '17'],
    ['CREDENCE_WORKERS', 'two'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_FORMAT', 'xml'],
    ['METRICS_PORT', '70000'],
    ['CREDENCE_READY_MAX_LAG', '-1'],
    ['CREDENCE_SHUTDOWN_DRAIN_MS', 'soon'],
    ['CREDENCE_ISSUER_ID_FORM', 'did-ion'],
    ['CREDENCE_SQLITE_WRITER', 'elsewhere'],
  ])('refuses %s=%s at start-up', (name, value) => {
    expect(() => loadLedgerConfig({ [name]: value })).toThrow(ConfigError);
  });
});
