import { conflict, type Command, fold, invalid } from '@credence/domain';
import { type EventStore, handleCommand, StoreUnavailableError } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { tempDir } from '@credence/event-store/testing';
import { eventually } from '@credence/feed/testing/kafka';
import type { FastifyRequest } from 'fastify';
import { buildCommandContext } from '../http/command-context';
import { problemOf } from '../http/problem.filter';
import {
  type ApplyRow,
  AssessmentKeptError,
  applyBatch,
  BatchInterruptedError,
  type CheckRow,
  resumeBatches,
} from './apply-batch';
import type { BatchRow } from './batch-row';
import { type Batch, SqliteBatchStore } from './batch-store';
import { openBatch } from './open-batch';

/**
 * A real command path in miniature over a real SQLite event store: an assessment stream per recorded
 * assessment, and a stream per assessment that holds its one credential (refusing a second with the
 * code the integrity rule will use). The orchestration under test is the production code.
 */
type Recorded = { type: 'TestAssessmentRecorded'; data: { assessmentId: string } };
const assessments = {
  decide: (command: Command<'Record', { assessmentId: string }>, state: boolean): Recorded[] =>
    state ? [] : [{ type: 'TestAssessmentRecorded', data: command.data }],
  evolve: () => true,
  initialState: () => false,
};
type IssueData = { credentialId: string; assessmentId: string; validFrom: string; validUntil?: string };
type Issued = { type: 'TestCredentialIssued'; data: IssueData };
const credentials = {
  decide: (command: Command<'Issue', IssueData>, issued: string | null): Issued[] => {
    if (issued)
      throw conflict('assessment.already-credentialed', 'The assessment already backs a credential', {
        credentialId: issued,
      });
    const { validFrom, validUntil } = command.data;
    if (validUntil !== undefined && validUntil <= validFrom)
      throw invalid('credential.validity-invalid', 'validUntil must be after validFrom');
    return [{ type: 'TestCredentialIssued', data: command.data }];
  },
  evolve: (_: string | null, event: Issued) => event.data.credentialId,
  initialState: (): string | null => null,
};

const issuing = (row: BatchRow, assessmentId: string, credentialId: string) => ({
  credentialId,
  assessmentId,
  validFrom: row.credential.validFrom,
  ...(row.credential.validUntil ? { validUntil: row.credential.validUntil } : {}),
});

const applyRowOn =
  (store: EventStore): ApplyRow =>
  async (row, { assessment, credential }) => {
    const assessmentId = row.assessmentId ?? assessment.newId;
    if (!row.assessmentId) {
      await handleCommand(store, assessments, `assessment-${assessmentId}`, {
        type: 'Record',
        data: { assessmentId },
        metadata: assessment.metadata,
      });
    }
    const command = {
      type: 'Issue' as const,
      data: issuing(row, assessmentId, credential.newId),
      metadata: credential.metadata,
    };
    try {
      await handleCommand(store, credentials, `issued-${assessmentId}`, command);
    } catch (error) {
      throw row.assessmentId ? error : new AssessmentKeptError(assessmentId, error);
    }
    return { credentialId: credential.newId, assessmentId };
  };

const checkRowOn =
  (store: EventStore): CheckRow =>
  async (row, { assessment, credential }) => {
    const assessmentId = row.assessmentId ?? assessment.newId;
    const issued = fold(
      credentials,
      (await store.readStream(`issued-${assessmentId}`)) as unknown as Issued[],
    );
    credentials.decide(
      { type: 'Issue', data: issuing(row, assessmentId, credential.newId), metadata: credential.metadata },
      issued,
    );
  };

const HEADER =
  'rowKey,specificationId,learnerId,outcome,assessor,method,assessedAt,validFrom,validUntil,assessmentId';
const good = (n: number) =>
  `r${n},spec-1,lrn-${n},pass,Dr. A,exam,2026-11-20T10:00:00Z,2026-11-21T00:00:00Z,2031-11-21T00:00:00Z,`;
/** 20 rows: 17 issue; row 3 is malformed, row 5's validity is refused (its assessment stays), rows 19 and 20 cite one assessment. */
const cohort = (): string => {
  const lines = Array.from({ length: 18 }, (_, i) => good(i + 1));
  lines[2] = good(3).replace('lrn-3', 'ann@example.org');
  lines[4] = good(5).replace('2031-11-21', '2020-01-01');
  lines.push(
    'r19,spec-1,lrn-19,,,,,2026-11-21T00:00:00Z,,as-shared',
    'r20,spec-1,lrn-20,,,,,2026-11-21T00:00:00Z,,as-shared',
  );
  return `${HEADER}\n${lines.join('\n')}\n`;
};

const issuer = { id: 'hu-registrar', role: 'issuer' as const, issuerId: 'hu' };
const contextFor = (key: string) =>
  buildCommandContext(
    { headers: { 'idempotency-key': key }, principal: issuer } as unknown as FastifyRequest,
    new Date('2026-12-01T00:00:00Z'),
  );

describe('applyBatch over a real SQLite event store', () => {
  const dir = tempDir('batches');
  afterAll(() => dir.remove());

  const open = (paths = { events: dir.nextFile('events'), batches: dir.nextFile('batches') }) => ({
    paths,
    events: SqliteEventStore.open({ path: paths.events }),
    batches: new SqliteBatchStore(paths.batches),
  });
  const createBatch = (
    batches: SqliteBatchStore,
    key: string,
    text = cohort(),
    atomic = false,
  ): Promise<Batch> => openBatch(batches, { body: text, mediaType: 'text/csv', atomic }, contextFor(key));
  const optionsFor = (events: EventStore, batches: SqliteBatchStore) => ({
    store: batches,
    problemOf: (error: unknown) => problemOf(error),
    checkRow: checkRowOn(events),
    now: () => '2026-12-01T00:00:01Z',
  });
  const eventCount = async (events: EventStore) => (await events.readAll()).length;

  it('given a cohort with bad rows of different kinds, when applied, then every good row issues and each bad row has its own result', async () => {
    const { events, batches } = open();
    const batch = await createBatch(batches, 'cohort-1');
    const counts = await applyBatch(batch.rows, applyRowOn(events), {
      ...optionsFor(events, batches),
      batch,
    });

    expect(counts).toEqual({ rows: 20, issued: 17, failed: 2, 'skipped-as-duplicate': 1 });
    const results = batches.results(batch.id);
    expect(results.map((r) => r.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results[2]).toMatchObject({
      rowKey: 'r3',
      status: 'failed',
      problem: { status: 400, code: 'request.invalid', column: 'learnerId' },
    });
    expect(results[4]).toMatchObject({
      rowKey: 'r5',
      status: 'failed',
      assessmentId: expect.any(String),
      problem: { status: 400, code: 'credential.validity-invalid' },
    });
    expect(
      results
        .slice(18)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['issued', 'skipped-as-duplicate']);
    expect(results.find((r) => r.status === 'skipped-as-duplicate')?.problem).toMatchObject({
      status: 409,
      code: 'assessment.already-credentialed',
    });
    expect(batches.find(batch.id)?.status).toBe('done');
    // 17 recorded assessments (row 5's too, kept) and 17 credentials; nothing for row 3.
    expect(await eventCount(events)).toBe(17 + 17);
    await events.close();
  });

  it('given a batch already applied, when the same file is sent again with the same key, then nothing is appended and the results are the same', async () => {
    const { events, batches } = open();
    const first = await createBatch(batches, 'cohort-2');
    await applyBatch(first.rows, applyRowOn(events), { ...optionsFor(events, batches), batch: first });
    const before = await eventCount(events);
    // The same key names the same batch: the store hands back the finished record, not a new one.
    expect(await createBatch(batches, 'cohort-2')).toMatchObject({ id: first.id, status: 'done' });

    const elsewhere = new SqliteBatchStore(dir.nextFile('batches'));
    const again = await createBatch(elsewhere, 'cohort-2');
    await applyBatch(again.rows, applyRowOn(events), { ...optionsFor(events, elsewhere), batch: again });

    expect(await eventCount(events)).toBe(before);
    expect(elsewhere.results(again.id)).toEqual(batches.results(first.id));
    await events.close();
  });

  it('given an atomic batch with one bad row, when applied, then nothing is appended and every failing row is reported', async () => {
    const { events, batches } = open();
    const text = `${HEADER}\n${[1, 2, 3, 4].map(good).join('\n')}\n${good(5).replace('2031-11-21', '2020-01-01')}\n`;
    const batch = await createBatch(batches, 'atomic-1', text, true);
    const counts = await applyBatch(batch.rows, applyRowOn(events), {
      ...optionsFor(events, batches),
      batch,
    });

    expect(await eventCount(events)).toBe(0);
    expect(counts).toEqual({ rows: 5, issued: 0, failed: 5, 'skipped-as-duplicate': 0 });
    expect(batches.results(batch.id).map((r) => r.problem?.code)).toEqual([
      ...Array(4).fill('batch.atomic-aborted'),
      'credential.validity-invalid',
    ]);
    await events.close();
  });

  it('given an atomic batch whose rows all pass the check, when applied, then all are issued', async () => {
    const { events, batches } = open();
    const batch = await createBatch(
      batches,
      'atomic-2',
      `${HEADER}\n${[1, 2, 3].map(good).join('\n')}\n`,
      true,
    );
    expect(
      await applyBatch(batch.rows, applyRowOn(events), { ...optionsFor(events, batches), batch }),
    ).toEqual({ rows: 3, issued: 3, failed: 0, 'skipped-as-duplicate': 0 });
    expect(await eventCount(events)).toBe(6);
    await events.close();
  });

  it('given the orchestrator dies mid-batch after appending rows it had not saved, when resumed on start-up, then no row is applied twice and every row is accounted for', async () => {
    const { paths, events, batches } = open();
    const text = `${HEADER}\n${Array.from({ length: 60 }, (_, i) => good(i + 1)).join('\n')}\n`;
    const batch = await createBatch(batches, 'crash-1', text);
    let applied = 0;
    const dying: ApplyRow = async (row, commands) => {
      // The 25th row never completes: the process is gone, its workers with it.
      if (++applied > 24) return new Promise(() => undefined);
      return applyRowOn(events)(row, commands);
    };
    void applyBatch(batch.rows, dying, {
      ...optionsFor(events, batches),
      batch,
      concurrency: 4,
      saveEvery: 1000,
    });
    // Waits for the 24 rows on a loaded machine, then a moment more: a 25th would show by then.
    await eventually('24 rows applied', async () => (await eventCount(events)) >= 2 * 24);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await eventCount(events)).toBe(2 * 24);
    expect(batches.results(batch.id)).toEqual([]);

    // The restart: new handles on the same files; the dead run's handles are never used again.
    const restarted = open(paths);
    const resumed = await resumeBatches(
      applyRowOn(restarted.events),
      optionsFor(restarted.events, restarted.batches),
    );

    expect(resumed).toEqual([batch.id]);
    expect(restarted.batches.counts(batch.id)).toEqual({
      rows: 60,
      issued: 60,
      failed: 0,
      'skipped-as-duplicate': 0,
    });
    expect(await eventCount(restarted.events)).toBe(2 * 60);
    expect(new Set(restarted.batches.results(batch.id).map((r) => r.credentialId)).size).toBe(60);
    await Promise.all([events.close(), restarted.events.close()]);
  });

  it('given the event store fails mid-batch (503), when applied, then the batch stays processing, and a resume finishes it', async () => {
    const { events, batches } = open();
    const batch = await createBatch(
      batches,
      'outage-1',
      `${HEADER}\n${Array.from({ length: 30 }, (_, i) => good(i + 1)).join('\n')}\n`,
    );
    let calls = 0;
    const flaky: ApplyRow = async (row, commands) => {
      if (++calls === 11) throw new StoreUnavailableError('disk full');
      return applyRowOn(events)(row, commands);
    };
    await expect(
      applyBatch(batch.rows, flaky, { ...optionsFor(events, batches), batch, concurrency: 2, saveEvery: 4 }),
    ).rejects.toBeInstanceOf(BatchInterruptedError);
    expect(batches.find(batch.id)?.status).toBe('processing');
    expect(batches.counts(batch.id).issued).toBeGreaterThan(0);
    expect(batches.counts(batch.id).issued).toBeLessThan(30);

    await resumeBatches(applyRowOn(events), optionsFor(events, batches));
    expect(batches.counts(batch.id)).toEqual({ rows: 30, issued: 30, failed: 0, 'skipped-as-duplicate': 0 });
    expect(await eventCount(events)).toBe(60);
    await events.close();
  });
});
