import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventually } from '@credence/feed/testing/kafka';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import { spawnApi } from '../support/api-process';
import { runCli as cli } from '../support/cli-process';

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
    // with a signed checkpoint of the transparency log,
    expect((await ledger.request('POST', '/v1/log/checkpoint', { token: ADMIN_TOKEN })).status).toBe(201);
    // when a backup runs in another process while writes continue,
    const beforeBackup = [...load.acknowledged];
    const backup = await cli(['backup', backupDir], { CREDENCE_DATA_DIR: ledger.dataDir });
    const duringBackup = load.acknowledged.length - beforeBackup.length;
    await load.stop();
    expect(backup.output).toContain('events.sqlite');
    expect(backup.code).toBe(0);
    expect(duringBackup).toBeGreaterThan(0);
    expect(load.failures).toEqual([]);
    // Every database of the data dir (side databases appear as features first use them), the log's
    // signing key, and the manifest.
    const copied = readdirSync(backupDir).sort();
    expect(copied).toEqual(
      expect.arrayContaining([
        'api.sqlite',
        'backup.json',
        'events.sqlite',
        'log-key',
        'reactors.sqlite',
        'read-models.sqlite',
      ]),
    );
    expect(
      copied.filter((name) => !/^(backup\.json|log-key|key-encryption\.key|.*\.sqlite)$/.test(name)),
    ).toEqual([]);

    // then the live data dir verifies while the API still has it open,
    const live = await cli(['verify-store', ledger.dataDir]);
    expect(live.output).toContain('ok   integrity events.sqlite: ok');
    expect(live.code).toBe(0);
    // and so does the backup,
    const verified = await cli(['verify-store', backupDir]);
    expect(verified.output).toMatch(/ok {3}hash chains: \d+ streams, \d+ events intact/);
    expect(verified.output).toMatch(
      /ok {3}merkle root: \d+ leaves, root [0-9a-f]{64}, [1-9]\d* signed checkpoints agree/,
    );
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
    expect(again.output).toContain('already holds databases or keys');
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

  describe('the transparency log', () => {
    const tamperedCopy = (name: string, tamper: (dir: string) => void) => {
      const dir = join(work, name);
      cpSync(backupDir, dir, { recursive: true });
      rmSync(join(dir, 'backup.json'));
      tamper(dir);
      return dir;
    };
    const edit = (file: string, sql: string) => {
      const db = new Database(file);
      const changed = db.prepare(sql).run().changes;
      db.close();
      expect(changed).toBe(1);
    };

    it('verify-store fails when a stored tree node was altered', async () => {
      const dir = tamperedCopy('tampered-tree', (d) =>
        edit(
          join(d, 'events.sqlite'),
          'UPDATE tlog_tiles SET hashes = CAST(zeroblob(32) || substr(hashes, 33) AS BLOB) WHERE id = (SELECT min(id) FROM tlog_tiles)',
        ),
      );
      const verified = await cli(['verify-store', dir]);
      expect(verified.code).toBe(1);
      expect(verified.output).toContain(
        'FAIL merkle root: stored node (level 0, index 0) is not the one the log gives',
      );
      expect(verified.output).toMatch(/ok {3}hash chains/);
    });

    it('verify-store fails when a signed checkpoint names another root', async () => {
      const dir = tamperedCopy('tampered-checkpoint', (d) =>
        edit(
          join(d, 'transparency.sqlite'),
          'UPDATE tlog_checkpoints SET root_hash = zeroblob(32) WHERE tree_size = (SELECT max(tree_size) FROM tlog_checkpoints)',
        ),
      );
      const verified = await cli(['verify-store', dir]);
      expect(verified.code).toBe(1);
      expect(verified.output).toMatch(
        /FAIL merkle root: checkpoint at size \d+ signs 0{64}, the log gives [0-9a-f]{64}/,
      );
    });
  });
});
