import { EVENT_SCHEMA_VERSIONS, PRINCIPALS_STREAM } from '@credence/domain';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { tempDir } from '@credence/event-store/testing';
import { Ledger, RulesGate } from '@credence/ledger';
import { PrincipalAccess } from './principal-access';
import { hashToken } from './principal-store';
import { SqlitePrincipalStore } from './sqlite-principal-store';

/** Rules do not decide access; this gate lets every command through, as the active rulesets do. */
class NoRules extends RulesGate {
  check = async <C>(command: C) => command;
}

/** The real store, dying once at the chosen write: what the process leaves behind when it crashes there. */
class CrashingStore extends SqlitePrincipalStore {
  crashAt?: 'insert' | 'disable' | 'replaceTokenHash';
  private crash(at: string) {
    if (this.crashAt === at) throw new Error(`crash before the store's ${at}`);
  }
  override insert(...args: Parameters<SqlitePrincipalStore['insert']>) {
    this.crash('insert');
    super.insert(...args);
  }
  override disable(...args: Parameters<SqlitePrincipalStore['disable']>) {
    this.crash('disable');
    super.disable(...args);
  }
  override replaceTokenHash(...args: Parameters<SqlitePrincipalStore['replaceTokenHash']>) {
    this.crash('replaceTokenHash');
    super.replaceTokenHash(...args);
  }
}

const admin = { id: 'admin-1', role: 'admin' } as const;
let n = 0;
const metadata = () => {
  const commandId = `cmd-${++n}`;
  return {
    commandId,
    principal: admin,
    now: '2026-03-01T10:00:00Z',
    correlationId: commandId,
    causationId: commandId,
  };
};
const auditor = (id: string) => ({ id, role: 'auditor', name: 'audit desk' }) as const;

describe('Principal changes: the log first, then the store; a crash between them is reconciled at start-up', () => {
  const dir = tempDir('principals');
  afterAll(() => dir.remove());

  /** One process: an event store and a principal store on the given files. */
  const open = (files: { events: string; principals: string }) => {
    const events = SqliteEventStore.open({ path: files.events, schemaVersions: EVENT_SCHEMA_VERSIONS });
    const store = new CrashingStore(files.principals);
    const access = new PrincipalAccess(new Ledger(events, new NoRules()), store);
    return {
      events,
      store,
      access,
      logged: async () => (await events.readStream(PRINCIPALS_STREAM)).map((e) => [e.type, e.data]),
      close: async () => {
        store.onApplicationShutdown();
        await events.close();
      },
    };
  };
  const files = () => ({ events: dir.nextFile('events'), principals: dir.nextFile('api') });

  it('given changes that complete, then the log holds role, binding, actor and time, never a token or hash', async () => {
    const process = open(files());
    const { token } = await process.access.create(auditor('p-1'), metadata());
    await process.access.rotate('p-1', metadata());
    await process.access.disable('p-1', metadata());
    const logged = await process.logged();
    expect(logged.map(([type]) => type)).toEqual([
      'PrincipalCreated',
      'PrincipalTokenRotated',
      'PrincipalDisabled',
    ]);
    expect(logged[2][1]).toMatchObject({
      principalId: 'p-1',
      role: 'auditor',
      by: 'admin-1',
      at: '2026-03-01T10:00:00Z',
    });
    const text = JSON.stringify(await process.events.readStream(PRINCIPALS_STREAM));
    expect(text).not.toContain(token);
    expect(text).not.toContain(hashToken(token));
    await process.close();
  });

  it('given a crash after PrincipalCreated and before the store kept it, when restarted, then the log records it was never stored', async () => {
    const at = files();
    const crashed = open(at);
    crashed.store.crashAt = 'insert';
    await expect(crashed.access.create(auditor('p-2'), metadata())).rejects.toThrow('crash');
    await crashed.close();

    const restarted = open(at);
    // Seconds later it may still be another process's creation on its way to the store: left alone.
    await restarted.access.reconcile('2026-03-01T10:00:30Z');
    expect(await restarted.logged()).toHaveLength(1);
    await restarted.access.reconcile('2026-03-01T11:00:00Z');
    await restarted.access.reconcile('2026-03-01T12:00:00Z');
    expect(await restarted.logged()).toEqual([
      ['PrincipalCreated', expect.objectContaining({ principalId: 'p-2' })],
      ['PrincipalDisabled', expect.objectContaining({ principalId: 'p-2', reason: 'not-stored' })],
    ]);
    expect(restarted.store.findById('p-2')).toBeUndefined();
    await restarted.close();
  });

  it('given a crash after PrincipalDisabled and before the store applied it, when restarted, then the token is refused', async () => {
    const at = files();
    const crashed = open(at);
    const { token } = await crashed.access.create(auditor('p-3'), metadata());
    crashed.store.crashAt = 'disable';
    await expect(crashed.access.disable('p-3', metadata())).rejects.toThrow('crash');
    expect(crashed.store.findByTokenHash(hashToken(token))?.disabledAt).toBeUndefined();
    await crashed.close();

    const restarted = open(at);
    await restarted.access.reconcile('2026-03-01T11:00:00Z');
    expect(restarted.store.findByTokenHash(hashToken(token))?.disabledAt).toBe('2026-03-01T10:00:00Z');
    expect((await restarted.logged()).map(([type]) => type)).toEqual([
      'PrincipalCreated',
      'PrincipalDisabled',
    ]);
    await restarted.close();
  });

  it('given a crash after PrincipalTokenRotated and before the store replaced the hash, when restarted, then the old token no longer works', async () => {
    const at = files();
    const crashed = open(at);
    const { token } = await crashed.access.create(auditor('p-4'), metadata());
    crashed.store.crashAt = 'replaceTokenHash';
    await expect(crashed.access.rotate('p-4', metadata())).rejects.toThrow('crash');
    expect(crashed.store.findByTokenHash(hashToken(token))).toBeDefined();
    await crashed.close();

    const restarted = open(at);
    await restarted.access.reconcile('2026-03-01T11:00:00Z');
    expect(restarted.store.findByTokenHash(hashToken(token))).toBeUndefined();
    expect((await restarted.logged()).map(([type]) => type)).toEqual([
      'PrincipalCreated',
      'PrincipalTokenRotated',
    ]);
    await restarted.close();
  });

  it('given principals the store holds but the log does not (the bootstrap admin, older ledgers), when reconciled twice, then each is recorded once', async () => {
    const at = files();
    const process = open(at);
    process.store.insert(
      {
        id: 'boot',
        role: 'admin',
        name: 'bootstrap admin',
        createdAt: '2026-01-01T00:00:00Z',
        tokenRotations: 0,
      },
      'h1',
    );
    process.store.replaceTokenHash('boot', 'h2');
    process.store.insert(
      { id: 'old', role: 'auditor', name: 'old desk', createdAt: '2026-01-02T00:00:00Z', tokenRotations: 0 },
      'h3',
    );
    process.store.disable('old', '2026-01-03T00:00:00Z');
    await process.access.reconcile('2026-03-01T11:00:00Z');
    await process.access.reconcile('2026-03-01T12:00:00Z');
    expect(await process.logged()).toEqual([
      [
        'PrincipalCreated',
        expect.objectContaining({
          principalId: 'boot',
          by: 'system:principal-reconciliation',
          at: '2026-01-01T00:00:00Z',
        }),
      ],
      ['PrincipalTokenRotated', expect.objectContaining({ principalId: 'boot' })],
      ['PrincipalCreated', expect.objectContaining({ principalId: 'old' })],
      [
        'PrincipalDisabled',
        expect.objectContaining({ principalId: 'old', reason: 'withdrawn', at: '2026-01-03T00:00:00Z' }),
      ],
    ]);
    await process.close();
  });
});
