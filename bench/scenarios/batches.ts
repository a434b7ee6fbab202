import { join } from 'node:path';
import { csvOf, goodRow, type Row, uploadBatch } from '../../test/support/cohort';
import { expectCreated } from '../../test/support/fixtures';
import { allOf, atLeast, atMost, type Figure, measured, ratioAtLeast } from '../harness/figure';
import { startApp } from '../harness/processes';
import type { Scenario, ScenarioContext } from '../harness/scenario';
import { nowMs, percentile, round } from '../harness/stats';
import { ledgerEnv } from './api/sessions';
import { type Client, clientFor, issueCredentials, setUpWorld } from './api/world';

const SCENARIO = '10. Bulk issuance';
const CONNECTIONS = 64;
/** The batch is polled as `credence issue --batch` polls it (apps/cli/src/batch/batch-client.ts). */
const POLL_MS = 500;

/** Latencies (ms) of `request` repeated back to back until `running()` says stop. */
const sampleWhile = async (running: () => boolean, request: () => Promise<unknown>): Promise<number[]> => {
  const latencies: number[] = [];
  while (running()) {
    const started = nowMs();
    await request();
    latencies.push(nowMs() - started);
  }
  return latencies;
};

/** A batch row as the single routes take it: its assessment, then its credential on that assessment. */
const singleRequests = (row: Row) => ({
  assessment: {
    specificationId: row.specificationId,
    learner: {
      id: row.learnerId,
      identity: { identityType: row.identityType, identityHash: row.identityHash, salt: row.salt },
    },
    result: { outcome: row.outcome, grade: row.grade },
    assessor: row.assessor,
    method: row.method,
    assessedAt: row.assessedAt,
    evidence: row.evidence.split(' '),
  },
  credential: (assessmentId: string) => ({
    specificationId: row.specificationId,
    learnerId: row.learnerId,
    assessmentIds: [assessmentId],
    validFrom: row.validFrom,
    validUntil: row.validUntil,
  }),
});

/** The rows issued one at a time over HTTP, CONNECTIONS at once, each with its own Idempotency-Keys. */
const oneAtATime = async (client: Client, token: string, rows: readonly Row[], run: string) => {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const { assessment, credential } = singleRequests(row);
      const post = (path: string, body: unknown, key: string) =>
        client.request('POST', path, { token, body, headers: { 'idempotency-key': `${run}-${key}` } });
      const recorded = await post('/v1/assessments', assessment, `a-${row.rowKey}`);
      if (recorded.status !== 201) {
        failed += 1;
        continue;
      }
      const issued = await post('/v1/credentials', credential(expectCreated(recorded)), `c-${row.rowKey}`);
      if (issued.status !== 201) failed += 1;
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { seconds: (nowMs() - started) / 1000, failed };
};

const run = async (context: ScenarioContext): Promise<Figure[]> => {
  const { rows } = context.sizes.batches;
  const app = await startApp(
    'apps/ledger-api/src/main.ts',
    ledgerEnv(context.env, join(context.workDir, 'batches')),
  );
  try {
    const client = clientFor(app.baseUrl);
    const world = await setUpWorld(client);
    const token = world.issuerToken;
    const readIds = await issueCredentials(client, world, 5);
    let reads = 0;
    const readOne = () =>
      client.request('GET', `/v1/credentials/${readIds[reads++ % readIds.length]}`, { token });

    // Reads on an idle API first: the baseline of the reads during the batch.
    const idleUntil = nowMs() + 1000;
    const idleReads = await sampleWhile(() => nowMs() < idleUntil, readOne);

    context.log(`a ${rows.toLocaleString('en-US')}-row credential batch, with reads beside it`);
    const csv = csvOf(Array.from({ length: rows }, (_, i) => goodRow(world.specificationId, i + 1)));
    const started = nowMs();
    const accepted = await uploadBatch(app.baseUrl, token, csv, `bench-batch-${Date.now()}`);
    if (accepted.status !== 202)
      throw new Error(`batch upload: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    let done = false;
    let answer: { status: string; issued: number; failed: number } | undefined;
    const batchGets: number[] = [];
    // Polled as the CLI polls: the progress alone (`?results=false`), not every result so far.
    const progressPath = `/v1/credential-batches/${accepted.body.id}?results=false`;
    const [duringReads] = await Promise.all([
      sampleWhile(() => !done, readOne),
      (async () => {
        while (!done) {
          const polled = nowMs();
          const reply = await client.request('GET', progressPath, { token });
          batchGets.push(nowMs() - polled);
          answer = reply.body;
          done = reply.status !== 200 || answer?.status === 'done';
          if (!done) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      })(),
    ]);
    const batchSeconds = (nowMs() - started) / 1000;
    // The same GET once the batch is done and the API idle, nothing in flight.
    const settledUntil = nowMs() + 1000;
    const settledGets = await sampleWhile(
      () => nowMs() < settledUntil,
      () => client.request('GET', progressPath, { token }),
    );

    context.log(`the same number of rows one request at a time, ${CONNECTIONS} connections`);
    const singles = Array.from({ length: rows }, (_, i) => goodRow(world.specificationId, rows + i + 1));
    const single = await oneAtATime(client, token, singles, `bench-single-${Date.now()}`);

    const batchRate = (answer?.issued ?? 0) / batchSeconds;
    const singleRate = (rows - single.failed) / single.seconds;
    const conditions = {
      rows,
      connectionsOneAtATime: CONNECTIONS,
      batch: { seconds: round(batchSeconds, 2), issued: answer?.issued, failed: answer?.failed },
      oneAtATime: { seconds: round(single.seconds, 2), failed: single.failed, requestsPerRow: 2 },
      server: 'ledger-api in a child process on a fresh data dir; the clients here',
    };
    return [
      measured({
        scenario: SCENARIO,
        figure: `POST /v1/credential-batches, ${rows.toLocaleString('en-US')} rows, rows/s`,
        value: round(batchRate, 0),
        unit: 'rows/s',
        baseline: { name: `one at a time, ${CONNECTIONS} connections`, value: round(singleRate, 0) },
        goal: allOf(atLeast(5_000, '/s'), ratioAtLeast(3, 'one at a time')),
        note:
          answer?.issued === rows
            ? undefined
            : `${answer?.issued ?? 0} of ${rows} rows issued: the batch did not finish cleanly.`,
        conditions: {
          ...conditions,
          measuredFrom: `the upload to the first GET that answers done (polled every ${POLL_MS} ms, as the CLI does)`,
        },
      }),
      measured({
        scenario: SCENARIO,
        figure: 'GET /v1/credentials/{id} during the batch, p99',
        value: round(percentile(duringReads, 99), 1),
        unit: 'ms',
        baseline: { name: 'the same reads, API idle', value: round(percentile(idleReads, 99), 1) },
        goal: atMost(50, ' ms'),
        conditions: {
          ...conditions,
          samples: duringReads.length,
          idleSamples: idleReads.length,
          client: 'one, back to back',
        },
      }),
      measured({
        scenario: SCENARIO,
        figure: 'GET /v1/credential-batches/{id}?results=false (the progress poll) during the batch, p99',
        value: round(percentile(batchGets, 99), 1),
        unit: 'ms',
        baseline: {
          name: 'the same GET, batch done, API idle',
          value: round(percentile(settledGets, 99), 1),
        },
        goal: atMost(50, ' ms'),
        conditions: { ...conditions, samples: batchGets.length, answer: 'JSON, the status and counts' },
      }),
    ];
  } finally {
    await app.stop();
  }
};

export const batchScenario: Scenario = { ids: ['10'], title: SCENARIO, run };
