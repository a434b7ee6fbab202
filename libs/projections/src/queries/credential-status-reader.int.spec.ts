import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { PROJECTIONS } from '../projections';
import { Projector } from '../projector/projector';
import { readCheckpoints } from '../store/checkpoints';
import { ReadModelDatabase } from '../store/database';
import { migrateTableSet } from '../store/table-set';
import { histories, historyOf, HOUR, ISSUED_MS } from '../testing/credential-histories';
import { describeEachReadModelStore } from '../testing/read-model-targets';
import { appendHistory, appendOne } from '../testing/workload';
import { CREDENTIAL_STATUS_SOURCES, queryCredentialStatusAt } from './credential-status-query';
import { credentialStatusReader } from './credential-status-reader';

/*
 * The status route's reader (one prepared statement on SQLite) against the Kysely query it replaces
 * there: the same answers for random histories, and the checkpoints readCheckpoints gives.
 */
describeEachReadModelStore('the credential status reader', (target) => {
  let dataDir: string;
  let store: SqliteEventStore;
  let rm: ReadModelDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-status-reader-'));
    store = SqliteEventStore.open({ path: join(dataDir, 'events.sqlite'), pollIntervalMs: 20 });
    rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir });
    await migrateTableSet(rm);
  });
  afterAll(async () => {
    await rm?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers what the Kysely query answers, with the stored checkpoints', async () => {
    // Given random credential histories and a ruleset activation, projected
    const data = {
      rulesetId: 'eu-mc',
      version: '1',
      hash: 'hash-1',
      activatedBy: 'admin',
      reason: 'startup-default' as const,
    };
    await appendOne(
      store,
      'rulesets',
      { type: 'RulesetActivated', data },
      { principal: { id: 'admin', role: 'admin' }, now: new Date(ISSUED_MS + 10 * HOUR).toISOString() },
    );
    const cases = fc
      .sample(histories, { numRuns: 15, seed: 7 })
      .map((history, i) => ({ id: `cred-${i}`, history, ...historyOf(history, `cred-${i}`) }));
    for (const c of cases) await appendHistory(store, c.id, c.events);
    const projector = new Projector(store, rm, PROJECTIONS, { batchSize: 50 });
    await projector.start();
    await projector.caughtUp(await store.headPosition());
    await projector.stop();

    // When each question is read both ways, then the answers are the same
    const read = credentialStatusReader(rm);
    for (const c of cases) {
      for (const q of c.history.questions) {
        const question = { atMs: ISSUED_MS + q.at * HOUR, asOfMs: ISSUED_MS + q.asOf * HOUR };
        const { answer } = await read(c.id, question);
        expect(answer).toEqual(await queryCredentialStatusAt(rm.db, c.id, question));
      }
    }
    const unknown = await read('no-such-credential', { atMs: ISSUED_MS, asOfMs: ISSUED_MS });
    expect(unknown.answer).toBeNull();
    expect(unknown.checkpoints).toEqual(await readCheckpoints(rm.any, '', CREDENTIAL_STATUS_SOURCES));
    expect([...unknown.checkpoints.values()]).toEqual(
      CREDENTIAL_STATUS_SOURCES.map(() => expect.any(String)),
    );
  });

  it('answers from what a later commit wrote, not from what it read before', async () => {
    // Given a credential the reader asked about before it was projected, and its checkpoints then
    const read = credentialStatusReader(rm);
    const question = { atMs: ISSUED_MS + 100 * HOUR, asOfMs: ISSUED_MS + 100 * HOUR };
    const before = await read('cred-later', question);
    expect(before.answer).toBeNull();
    // When its history is appended and projected
    const [history] = fc.sample(histories, { numRuns: 1, seed: 11 });
    await appendHistory(store, 'cred-later', historyOf(history, 'cred-later').events);
    const projector = new Projector(store, rm, PROJECTIONS, { batchSize: 50 });
    await projector.start();
    await projector.caughtUp(await store.headPosition());
    await projector.stop();
    // Then the same reader answers what the Kysely query answers, at the new checkpoints
    const after = await read('cred-later', question);
    expect(after.answer).not.toBeNull();
    expect(after.answer).toEqual(await queryCredentialStatusAt(rm.db, 'cred-later', question));
    expect(after.checkpoints).toEqual(await readCheckpoints(rm.any, '', CREDENTIAL_STATUS_SOURCES));
    expect(after.checkpoints).not.toEqual(before.checkpoints);
  });

  if (target.name === 'sqlite') {
    it('never reads a projector transaction before it commits', async () => {
      // Given a transaction on Kysely's connection that wrote a credential and is still open
      const read = credentialStatusReader(rm);
      const question = { atMs: ISSUED_MS, asOfMs: ISSUED_MS };
      const [written] = await rm.db.selectFrom('credentials').selectAll().limit(1).execute();
      let during: unknown;
      await rm.any
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('credentials')
            .values({ ...written, id: 'uncommitted' })
            .execute();
          // When the reader asks for it meanwhile
          during = (await read('uncommitted', question)).answer;
          throw new Error('roll back');
        })
        .catch(() => undefined);
      // Then it saw nothing, and nothing was committed
      expect(during).toBeNull();
      expect((await read('uncommitted', question)).answer).toBeNull();
    });
  }
});
