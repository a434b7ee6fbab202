import fc from 'fast-check';
import { EventStore, type Position } from '@credence/event-store';
import type { TestLedger } from '../../support/ledger-app';
import type { Route } from '../../support/routes';
import { caseArbitrary, type FuzzCase, type Seeds } from './cases';

export const SLOW_MS = 2000;

export type RouteReport = {
  route: string;
  cases: number;
  statuses: Record<string, number>;
  kinds: Record<string, number>;
  slowest: { ms: number; kind: string; request: string };
  findings: string[];
};

const describeCase = (c: FuzzCase) =>
  `${c.method} ${c.path.slice(0, 200)}${c.body ? ` body[${c.body.length}] ${c.body.slice(0, 120)}` : ''}`;

const send = async (ledger: TestLedger, c: FuzzCase) => {
  const started = performance.now();
  const response = await fetch(ledger.baseUrl + c.path, {
    method: c.method,
    headers: c.headers,
    body: c.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const type = response.headers.get('content-type') ?? '';
  let code: unknown;
  try {
    code = type.includes('json') ? JSON.parse(text).code : undefined;
  } catch {
    code = 'unparseable';
  }
  return { status: response.status, type, code, ms };
};

const settledHead = async (store: EventStore) => {
  let head = await store.headPosition();
  for (let waited = 0; waited < 2_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await store.headPosition();
    if (next === head) return head;
    head = next;
  }
  return head;
};

/**
 * Sends `runs` generated cases to one route, one at a time, and checks each answer: never a 5xx;
 * a 4xx is problem+json; no answer slower than SLOW_MS; a refusal appends nothing (a rule refusal
 * records its QualityCheckFailed, by design). Returns what it saw, findings included.
 */
export const fuzzRoute = async (
  ledger: TestLedger,
  route: Route,
  token: string,
  seeds: Seeds,
  runs: number,
  seed: number,
): Promise<RouteReport> => {
  const store = ledger.app.get(EventStore);
  const report: RouteReport = {
    route: `${route.method} ${route.url}`,
    cases: 0,
    statuses: {},
    kinds: {},
    slowest: { ms: 0, kind: '', request: '' },
    findings: [],
  };
  const arbitrary = caseArbitrary(route, token, seeds);
  // Sampled in chunks: each case is small (big values are markers), but 10,000 at once need not be held.
  // Settled first too: the previous route's last case may have been an accepted write whose
  // reactions land during this route's first case (CI: an annulment's revocation charged to a 404 GET).
  let settle = true;
  for (let done = 0; done < runs; done += 500) {
    for (const c of fc.sample(arbitrary, { numRuns: Math.min(500, runs - done), seed: seed + done })) {
      // An accepted write may set the ledger's own reactions going (an annulment revokes its
      // credentials a moment later); let them land, so they are not charged to the next case.
      // A read that appended nothing sets nothing going, and waiting after each one would double
      // the run's length.
      const before: Position | null = settle ? await settledHead(store) : await store.headPosition();
      let answer: Awaited<ReturnType<typeof send>>;
      try {
        answer = await send(ledger, c);
      } catch (error) {
        report.findings.push(`no answer (${(error as Error).message}): ${describeCase(c)}`);
        continue;
      }
      report.cases += 1;
      settle =
        answer.status < 300 &&
        ((c.method !== 'GET' && c.method !== 'HEAD') || (await store.headPosition()) !== before);
      report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
      report.kinds[c.kind] = (report.kinds[c.kind] ?? 0) + 1;
      if (answer.ms > report.slowest.ms)
        report.slowest = { ms: Math.round(answer.ms), kind: c.kind, request: describeCase(c) };
      const problem = `${answer.status} ${String(answer.code)}`;
      if (answer.status >= 500) report.findings.push(`${problem}: ${describeCase(c)}`);
      if (answer.status >= 400 && !answer.type.includes('application/problem+json'))
        report.findings.push(`${answer.status} not problem+json (${answer.type}): ${describeCase(c)}`);
      if (answer.ms > SLOW_MS) report.findings.push(`${Math.round(answer.ms)} ms: ${describeCase(c)}`);
      if (
        answer.status >= 400 &&
        answer.code !== 'rules.violated' &&
        (await store.headPosition()) !== before
      ) {
        report.findings.push(`${problem} appended events: ${describeCase(c)}`);
      }
    }
  }
  return report;
};
