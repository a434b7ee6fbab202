import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { credentialStatusFrom, type RecordedActivation, rulesetInForceFrom } from '@credence/domain';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { PROJECTIONS } from '../projections';
import { Projector } from '../projector/projector';
import { rebuildProjections } from '../projector/rebuild';
import { ReadModelDatabase } from '../store/database';
import { migrateTableSet } from '../store/table-set';
import { histories, historyOf, HOUR, ISSUED_MS } from '../testing/credential-histories';
import { appendHistory, appendOne } from '../testing/workload';
import { queryCredentialStatusAt } from './credential-status-query';

/*
 * The route's path end to end below HTTP: random histories appended to a real SQLite event store,
 * projected by the real projector into the SQLite read model, read back by the query the status
 * route calls. Every (at, asOf) must be what the domain says of the raw stream, live and again
 * after a rebuild from position 0; so must the ruleset in force, from the raw `rulesets` stream.
 */
describe('status at (at, asOf) through the store, the projector and the read model', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let rm: ReadModelDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-status-'));
    store = SqliteEventStore.open({ path: join(dataDir, 'events.sqlite'), pollIntervalMs: 20 });
    rm = await ReadModelDatabase.open({ databaseUrl: undefined, dataDir });
    await migrateTableSet(rm);
  });
  afterAll(async () => {
    await rm?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const activations: RecordedActivation[] = [10, 24 * 20, 24 * 45].map((hours, i) => ({
    rulesetId: 'eu-mc',
    version: `${i + 1}`,
    hash: `hash-${i + 1}`,
    activatedBy: 'admin',
    reason: i === 0 ? 'startup-default' : 'explicit',
    recordedAt: new Date(ISSUED_MS + hours * HOUR).toISOString(),
  }));
  const activate = async () => {
    for (const { recordedAt, ...data } of activations) {
      const principal = { id: 'admin', role: 'admin' as const };
      await appendOne(store, 'rulesets', { type: 'RulesetActivated', data }, { principal, now: recordedAt });
    }
  };

  it('answers as the domain does over the raw stream, live and after a rebuild', async () => {
    await activate();
    const samples = fc.sample(histories, { numRuns: 40, seed: 12 });
    const cases = samples.map((history, i) => ({
      id: `cred-${i}`,
      history,
      ...historyOf(history, `cred-${i}`),
    }));
    for (const c of cases) await appendHistory(store, c.id, c.events);

    const projector = new Projector(store, rm, PROJECTIONS, { batchSize: 50 });
    await projector.start();
    await projector.caughtUp(await store.headPosition());
    await projector.stop();

    const answers = async () => {
      const all: unknown[] = [];
      for (const c of cases) {
        for (const q of c.history.questions) {
          const question = { atMs: ISSUED_MS + q.at * HOUR, asOfMs: ISSUED_MS + q.asOf * HOUR };
          const answer = await queryCredentialStatusAt(rm.db, c.id, question);
          const { status, reason, effectiveAt, recordedAt } = credentialStatusFrom(c.events, question);
          expect(answer).toMatchObject({ status, reason, effectiveAt, recordedAt });
          const rulesetAt = status === 'absent' ? null : rulesetInForceFrom(activations, question);
          expect(answer?.rulesetAt).toEqual(rulesetAt);
          all.push(answer);
        }
      }
      return all;
    };
    const live = await answers();
    const versions = new Set(
      live.map((a) => (a as { rulesetAt: { version: string } | null }).rulesetAt?.version),
    );
    expect(versions).toEqual(new Set([undefined, '1', '2', '3']));
    await rebuildProjections(store, rm, { batchSize: 64 });
    expect(await answers()).toEqual(live);
  });
});
