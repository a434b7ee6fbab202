import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventually } from '@credence/feed/testing/kafka';
import { runEntry } from '../read-models/support/child';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import { spawnApi } from '../support/api-process';

const cli = async (args: string[], env: Record<string, string> = {}) => {
  const child = runEntry('apps/cli/src/main.ts', args, env);
  return { code: await child.exited, output: child.output() };
};

/** Clients registering issuers until stopped; `acknowledged` grows with every 201. */
const writeLoad = (ledger: TestLedger, token: string, clients: number) => {
  const acknowledged: string[] = [];
  const failures: number[] = [];
  let running = true;
  const client = async (n: number) => {
    for (let i = 0; running; i++) {
      const reply = await ledger.request('POST', '/v1/issuers', {
        token,
        body: { legalName: `Backup ${n}-${i}`, country: 'NL', registrationId: `BK-${n}-${i}` },
      });
      if (reply.status === 201) acknowledged.push(reply.body.id as string);
      else failures.push(reply.status);
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return { acknowledged, failures, stop: async () => ((running = false), await done) };
};

describe('credence backup, verify-store and restore', () => {
  const work = mkdtempSync(join(tmpdir(), 'credence-backup-'));
  const backupDir = join(work, 'backup');
  const restoredDir = join(work, 'restored');
  let ledger: TestLedger;
  afterAll(async () => {
    await ledger?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up under write load; the restored data dir serves every event acknowledged before the backup began', async () => {
    // Given an API under a steady write load,
    ledger = await startLedger();
    const load = writeLoad(ledger, ADMIN_TOKEN, 8);
    await eventually('writes under way', () => load.acknowledged.length >= 50);
    // when a backup runs in another process while writes continue,
    const beforeBackup = [...load.acknowledged];
    const backup = await cli(['backup', backupDir], { CREDENCE_DATA_DIR: ledger.dataDir });
    const duringBackup = load.acknowledged.length - beforeBackup.length;
    await load.stop();
    expect(backup.output).toContain('events.sqlite');
    expect(backup.code).toBe(0);
    expect(duringBackup).toBeGreaterThan(0);
    expect(load.failures).toEqual([]);
    // Every database of the data dir (side databases appear as features first use them), plus the manifest.
    const copied = readdirSync(backupDir).sort();
    expect(copied).toEqual(
      expect.arrayContaining([
        'api.sqlite',
        'backup.json',
        'events.sqlite',
        'reactors.sqlite',
        'read-models.sqlite',
      ]),
    );
    expect(copied.filter((name) => name !== 'backup.json' && !name.endsWith('.sqlite'))).toEqual([]);

    // then the live data dir verifies while the API still has it open,
    const live = await cli(['verify-store', ledger.dataDir]);
    expect(live.output).toContain('ok   integrity events.sqlite: ok');
    expect(live.code).toBe(0);
    // and so does the backup,
    const verified = await cli(['verify-store', backupDir]);
    expect(verified.output).toMatch(/ok {3}hash chains: \d+ streams, \d+ events intact/);
    expect(verified.code).toBe(0);

    // and restored into a new data dir, an API started on it finds every acknowledged event.
    const restored = await cli(['restore', backupDir, '--to', restoredDir]);
    expect(restored.code).toBe(0);
    const api = await spawnApi(restoredDir, { LOG_LEVEL: 'warn' });
    try {
      const missing: string[] = [];
      for (const id of beforeBackup) {
        const reply = await api.request('GET', `/v1/issuers/${id}`, { token: ADMIN_TOKEN });
        if (reply.status !== 200) missing.push(`${id}: ${reply.status}`);
      }
      expect(missing).toEqual([]);
    } finally {
      api.process.kill('SIGTERM');
      await api.exited;
    }
  });

  it('refuses to restore over a data dir that holds databases', async () => {
    const again = await cli(['restore', backupDir, '--to', restoredDir]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already holds databases');
  });

  it('verify-store fails on an event altered after the fact, naming its stream, and restore refuses that backup', async () => {
    const tampered = join(work, 'tampered');
    cpSync(backupDir, tampered, { recursive: true });
    const db = new Database(join(tampered, 'events.sqlite'));
    const victim = db
      .prepare("SELECT stream_id FROM events WHERE type = 'IssuerRegistered' LIMIT 1")
      .get() as { stream_id: string };
    db.prepare("UPDATE events SET data = json_set(data, '$.legalName', 'Forged') WHERE stream_id = ?").run(
      victim.stream_id,
    );
    db.close();
    const verified = await cli(['verify-store', tampered]);
    expect(verified.code).toBe(1);
    expect(verified.output).toContain(
      `FAIL hash chains: ${victim.stream_id} at version 0: hash does not match the content`,
    );
    expect(verified.output).toContain('FAIL manifest events.sqlite');
    const restore = await cli(['restore', tampered, '--to', join(work, 'from-tampered')]);
    expect(restore.code).toBe(1);
  });
});
