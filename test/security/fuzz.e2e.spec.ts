import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditationBody,
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  issuerBody,
  specificationBody,
} from '../support/fixtures';
import { type Route, routeTable } from '../support/routes';
import type { Seeds } from './fuzz/cases';
import { type FuzzSummary, writeReport } from './fuzz/report';
import { fuzzRoute, type RouteReport } from './fuzz/run';

/** CI runs 200 cases per route; `npm run fuzz` (scripts/fuzz.sh) sets FUZZ_RUNS, FUZZ_SHARD and FUZZ_REPORT. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const REPORT = process.env.FUZZ_REPORT ?? join(tmpdir(), `credence-fuzz-${SEED}.md`);
/** `k/n`: this process fuzzes every n-th route from the k-th, so n processes share the cores. */
const [SHARD, SHARDS] = (process.env.FUZZ_SHARD ?? '1/1').split('/').map(Number);
/** Only the routes whose `METHOD /url` matches, to re-run a finding's route alone. */
const ONLY = process.env.FUZZ_ROUTES ? new RegExp(process.env.FUZZ_ROUTES) : undefined;
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

/** A full collection between routes, so heap figures show what is retained, not what is pending. */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

describe(`Fuzzing every route (${RUNS} cases each, seed ${SEED}, shard ${SHARD} of ${SHARDS})`, () => {
  let ledger: TestLedger;
  let seeds: Seeds;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    // Room for the bad-authorization cases: throttling them has its own test (edge.e2e.spec.ts).
    ledger = await startLedger({ CREDENCE_AUTH_FAILURE_LIMIT: '1000000' });
    const world = await accreditedIssuer(ledger);
    const as = (token: string) => async (path: string, body: object) =>
      expectCreated(await ledger.request('POST', path, { token, body }));
    const asIssuer = as(world.issuerToken);
    const specificationId = await asIssuer('/v1/specifications', specificationBody);
    const assessmentId = await asIssuer('/v1/assessments', assessmentBody(specificationId));
    const credentialId = await asIssuer('/v1/credentials', credentialBody(specificationId, [assessmentId]));
    const pathway = {
      title: 'Pathway',
      components: [specificationId],
      completion: { kind: 'all-of' },
      minimumEcts: 1,
    };
    const pathwayId = await asIssuer('/v1/pathways', pathway);
    const accreditationId = await as(world.qaToken)(
      `/v1/issuers/${world.issuerId}/accreditations`,
      accreditationBody,
    );
    const regulator = await ledger.request('POST', '/v1/principals', {
      token: ADMIN_TOKEN,
      body: { role: 'regulator', name: 'Regulator' },
    });
    tokens = {
      admin: ADMIN_TOKEN,
      'qa-body': world.qaToken,
      issuer: world.issuerToken,
      auditor: world.auditorToken,
      regulator: regulator.body.token,
    };
    const id = [specificationId, assessmentId, credentialId, pathwayId, world.issuerId];
    seeds = {
      ids: {
        id,
        aid: [accreditationId],
        streamId: [`credential-${credentialId}`, `issuer-${world.issuerId}`],
        learnerId: ['lrn-7f3a9c'],
      },
      bodies: {
        RegisterIssuerDto: issuerBody,
        AccreditIssuerDto: accreditationBody,
        PublishSpecificationDto: specificationBody,
        RecordAssessmentDto: assessmentBody(specificationId),
        IssueCredentialDto: credentialBody(specificationId, [assessmentId]),
        PublishPathwayDto: pathway,
        AwardStackedCredentialDto: {
          pathwayId,
          learnerId: 'lrn-7f3a9c',
          componentCredentialIds: [credentialId],
        },
        CreatePrincipalDto: { role: 'auditor', name: 'Fuzzed auditor' },
        EvaluateDto: { command: { type: 'PublishSpecification', body: specificationBody } },
        RulesetRefDto: { id: 'eu-microcredentials', version: '2022' },
        NoteDto: { note: 'fuzz' },
        SuspendCredentialDto: { reason: 'under-investigation', note: 'fuzz' },
        RevokeCredentialDto: { reason: 'issued-in-error', note: 'fuzz' },
      },
    };
  });
  afterAll(() => ledger.close());

  it(
    'answers every case with a 4xx problem+json or a 2xx, within 2 s, appending nothing on refusal, and stays up with flat memory',
    async () => {
      const everyRoute: Route[] = routeTable(ledger.app);
      const chosen = everyRoute.filter((route) => !ONLY || ONLY.test(`${route.method} ${route.url}`));
      const routes = chosen.filter((_, index) => index % SHARDS === SHARD - 1);
      const startedAt = new Date();
      collect();
      const rss: number[] = [process.memoryUsage().rss];
      const heap: number[] = [process.memoryUsage().heapUsed];
      const reports: RouteReport[] = [];
      for (const route of routes) {
        const token = tokens[route.roles[0] ?? 'admin'];
        reports.push(await fuzzRoute(ledger, route, token, seeds, RUNS, SEED));
        collect();
        rss.push(process.memoryUsage().rss);
        heap.push(process.memoryUsage().heapUsed);
      }
      const summary: FuzzSummary = {
        seed: SEED,
        runsPerRoute: RUNS,
        startedAt: startedAt.toISOString(),
        seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        processes: [
          {
            shard: `Shard ${SHARD} of ${SHARDS}`,
            rssMb: {
              start: mb(rss[0]),
              end: mb(rss.at(-1)!),
              max: mb(Math.max(...rss)),
              afterEachRoute: rss.map(mb),
            },
            heapMbAfterEachRoute: heap.map(mb),
          },
        ],
        routes: reports,
      };
      writeReport(REPORT, summary);

      expect(everyRoute.length).toBeGreaterThan(20);
      expect(chosen.length).toBeGreaterThanOrEqual(ONLY ? 1 : everyRoute.length);
      expect(routes.length).toBeGreaterThanOrEqual(Math.floor(chosen.length / SHARDS));
      for (const report of reports) expect(report.cases).toBeGreaterThanOrEqual(RUNS * 0.99);
      expect(reports.flatMap((r) => r.findings.map((f) => `${r.route}: ${f}`))).toEqual([]);
      expect((await ledger.request('GET', '/health')).status).toBe(200);
      // Memory rises over the first routes (caches, JIT, the allocator's arenas) and then levels
      // off. A leak shows as the heap retained after a full collection still growing through the
      // second half of the routes; RSS, which the allocator returns lazily, gets a looser bound.
      const half = Math.floor(rss.length / 2);
      expect(mb(heap.at(-1)! - heap[half])).toBeLessThan(64);
      expect(rss.at(-1)! / rss[half]).toBeLessThan(1.5);
    },
    RUNS * 40 * 250 + 120_000,
  );
});
