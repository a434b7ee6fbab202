import { atLeast, atMost, type Conditions, type Figure, measured, missing } from '../../harness/figure';
import type { LoadResult } from '../../harness/http';
import type { Scenario, ScenarioContext } from '../../harness/scenario';
import { round } from '../../harness/stats';
import { bareSession, ledgerSession } from './sessions';

const ISSUANCE = '2. Issuance over HTTP';
const READS = '3. Reads';
const MEMORY = '7. Memory and start-up';
const VERIFICATION = '9. Verification';

/** Requests that failed are part of the figure: a fast 4xx is not an issuance. */
const loadNote = (what: string, result: LoadResult): string | undefined =>
  result.non2xx > 0 || result.errors > 0
    ? `${what}: ${result.non2xx} non-2xx answers and ${result.errors} connection errors in ${result.ok + result.non2xx} requests (only 2xx count).`
    : undefined;

const loadFigures = (
  scenario: string,
  what: string,
  ledger: LoadResult,
  bare: LoadResult,
  goals: { rate: number; p99?: number },
  conditions: Conditions,
): Figure[] => [
  measured({
    scenario,
    figure: `${what}, requests/s`,
    value: ledger.requestsPerSecond,
    unit: 'req/s',
    baseline: { name: 'bare Nest route', value: bare.requestsPerSecond },
    goal: atLeast(goals.rate, '/s'),
    note: loadNote(what, ledger),
    conditions: { ...conditions, requests: ledger.ok, bareRequests: bare.ok },
  }),
  measured({
    scenario,
    figure: `${what}, p99`,
    value: ledger.p99Ms,
    unit: 'ms',
    baseline: { name: 'bare Nest route', value: bare.p99Ms },
    goal: goals.p99 === undefined ? undefined : atMost(goals.p99, ' ms'),
    conditions: { ...conditions, p50Ms: ledger.p50Ms, bareP50Ms: bare.p50Ms },
  }),
];

const run = async (context: ScenarioContext): Promise<Figure[]> => {
  const seeded = await context.seededLog();
  const { http } = context.sizes;
  context.log(
    `ledger-api on a log of ${seeded.events.toLocaleString('en-US')} events (first start, then restart)`,
  );
  const { firstStart, restart: ledger } = await ledgerSession(context, seeded.dataDir);
  context.log('bare NestJS-on-Fastify app');
  const bare = await bareSession(context);

  const httpConditions = {
    connections: http.connections,
    seconds: http.seconds,
    warmupSeconds: http.warmupSeconds,
    eventsInStore: seeded.events,
    server:
      'ledger-api restarted on the seeded log, in a child process (scripts/register-ts.mjs); autocannon here',
  };
  const issuance = { rate: 3_000, p99: 50 };
  const reads = { rate: 15_000, p99: 10 };
  const figures = [
    ...loadFigures(ISSUANCE, 'POST /v1/credentials', ledger.issue, bare.issue, issuance, {
      ...httpConditions,
      request:
        'issuer token, a distinct Idempotency-Key per request, each citing its own passed assessment: validation, rules, reservation, append, idempotency record',
    }),
    ...loadFigures(
      ISSUANCE,
      'POST /v1/credentials, no Idempotency-Key',
      ledger.issueWithoutKey,
      bare.issue,
      issuance,
      {
        ...httpConditions,
        request:
          'the same bodies without Idempotency-Key (each its own assessment): a random credential id each time, no idempotency record',
      },
    ),
    ...loadFigures(READS, 'GET /v1/credentials/{id}', ledger.read, bare.read, reads, {
      ...httpConditions,
      credentialsRead: http.readIds,
    }),
  ];
  if ('notLanded' in ledger.status) {
    figures.push(
      missing('not-landed', {
        scenario: READS,
        figure: 'status at an instant, requests/s',
        unit: 'req/s',
        reason: ledger.status.notLanded,
        goal: atLeast(reads.rate, '/s'),
      }),
    );
  } else {
    figures.push(
      ...loadFigures(READS, 'GET /v1/credentials/{id}/status?at=…', ledger.status, bare.read, reads, {
        ...httpConditions,
        credentialsRead: http.readIds,
      }),
    );
  }

  figures.push(
    ...loadFigures(
      VERIFICATION,
      'POST /v1/verifications {credentialId}',
      ledger.verifyById,
      bare.issue,
      { rate: 2_000 },
      {
        ...httpConditions,
        request:
          'public; the stored export checked in full: proof, issuer key, schema, both status lists, validity, ledger checks',
        credentialsVerified: http.readIds,
      },
    ),
    ...loadFigures(
      VERIFICATION,
      'POST /v1/verifications {credential} (embedded proof)',
      ledger.verifyJson,
      bare.issue,
      { rate: 500 },
      { ...httpConditions, request: 'public; one exported credential as JSON with its Data Integrity proof' },
    ),
  );

  const quickNote =
    seeded.events < 1_000_000
      ? `${context.sizes.name} mode: ${seeded.events.toLocaleString('en-US')} events stored, not the 1M of the target (run --full).`
      : undefined;
  const memoryConditions = {
    eventsInStore: seeded.events,
    restart: { settled: ledger.settled, resident: ledger.parts },
    firstStart: { settled: firstStart.settled, resident: firstStart.parts },
    bare: { settled: bare.settled, resident: bare.parts },
    atRest: 'once the process used < 5% of a core for a second',
    underLoad: 'peak of 100 ms samples during the issuance and read loads',
  };
  const bareRest = { name: 'bare Nest app', value: bare.restMb };
  const bareStartup = { name: 'bare Nest app', value: round(bare.startupMs / 1000, 3) };
  figures.push(
    measured({
      scenario: MEMORY,
      figure: 'API resident set at rest',
      value: ledger.restMb ?? Number.NaN,
      unit: 'MB',
      baseline: bareRest,
      goal: atMost(300, ' MB'),
      note: quickNote,
      conditions: memoryConditions,
    }),
    measured({
      scenario: MEMORY,
      figure: 'API resident set under load',
      value: ledger.peakMb,
      unit: 'MB',
      baseline: { name: 'bare Nest app', value: bare.peakMb },
      goal: atMost(300, ' MB'),
      conditions: memoryConditions,
    }),
    measured({
      scenario: MEMORY,
      figure: 'API resident set after a first start’s catch-up',
      value: firstStart.restMb ?? Number.NaN,
      unit: 'MB',
      baseline: bareRest,
      goal: atMost(300, ' MB'),
      note:
        `On its first start on this log the API caught up with all ${seeded.events.toLocaleString('en-US')} events ` +
        `(stack-invalidation reactor, embedded projector) for ${round(firstStart.settled.seconds, 1)} s; ` +
        'the resident set stays at its catch-up peak afterwards. The rows above are from a restart.',
      conditions: memoryConditions,
    }),
    measured({
      scenario: MEMORY,
      figure: 'start-up to a ready /health',
      value: round(ledger.startupMs / 1000, 3),
      unit: 's',
      baseline: bareStartup,
      goal: atMost(3, ' s'),
      conditions: {
        ...memoryConditions,
        measuredFrom: 'spawn of node to the first 200 from /health, on a restart',
      },
    }),
    measured({
      scenario: MEMORY,
      figure: 'start-up to a ready /health, first start',
      value: round(firstStart.startupMs / 1000, 3),
      unit: 's',
      baseline: bareStartup,
      goal: atMost(3, ' s'),
      conditions: {
        ...memoryConditions,
        measuredFrom: 'spawn of node to the first 200 from /health, no checkpoints',
      },
    }),
  );
  return figures;
};

export const apiScenario: Scenario = { ids: ['2', '3', '7', '9'], title: 'API over HTTP (2, 3, 7, 9)', run };
