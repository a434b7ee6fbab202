import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RouteReport } from './run';

/** What one fuzzing process saw of its own memory, route by route. */
export type ProcessMemory = Readonly<{
  /** Which routes this process fuzzed, e.g. "shard 1 of 2". */
  shard: string;
  /** Resident set size after each route, in MB. */
  rssMb: { start: number; end: number; max: number; afterEachRoute: number[] };
  /** Heap retained after a full collection, after each route, in MB. */
  heapMbAfterEachRoute: number[];
}>;

export type FuzzSummary = Readonly<{
  seed: number;
  runsPerRoute: number;
  startedAt: string;
  seconds: number;
  processes: ProcessMemory[];
  routes: RouteReport[];
}>;

/** One summary for a run split over several processes: the shards ran side by side. */
export const mergeSummaries = (shards: FuzzSummary[]): FuzzSummary => ({
  seed: shards[0].seed,
  runsPerRoute: shards[0].runsPerRoute,
  startedAt: shards.map((s) => s.startedAt).sort()[0],
  seconds: Math.max(...shards.map((s) => s.seconds)),
  processes: shards.flatMap((s) => s.processes),
  routes: shards.flatMap((s) => s.routes),
});

export const readSummary = (jsonPath: string): FuzzSummary =>
  JSON.parse(readFileSync(jsonPath, 'utf8')) as FuzzSummary;

const histogram = (counts: Record<string, number>[]) => {
  const total: Record<string, number> = {};
  for (const c of counts) for (const [k, n] of Object.entries(c)) total[k] = (total[k] ?? 0) + n;
  return total;
};

/** The report `npm run fuzz` writes: JSON beside a Markdown table that docs/security.md quotes. */
export const writeReport = (path: string, summary: FuzzSummary): void => {
  const statuses = histogram(summary.routes.map((r) => r.statuses));
  const kinds = histogram(summary.routes.map((r) => r.kinds));
  const slowest = summary.routes
    .map((r) => ({ route: r.route, ...r.slowest }))
    .sort((a, b) => b.ms - a.ms)[0];
  const findings = summary.routes.flatMap((r) => r.findings.map((f) => `${r.route}: ${f}`));
  const cases = summary.routes.reduce((n, r) => n + r.cases, 0);
  const lines = [
    `# Fuzz report (${summary.startedAt})`,
    '',
    `Seed ${summary.seed}; ${summary.runsPerRoute} cases per route requested; ${summary.routes.length} routes; ${cases} cases in ${summary.seconds} s, over ${summary.processes.length} process(es).`,
    ...summary.processes.flatMap((p) => [
      `${p.shard}: RSS ${p.rssMb.start} MB at the start, ${p.rssMb.max} MB at most, ${p.rssMb.end} MB at the end; after each route: ${p.rssMb.afterEachRoute.join(', ')}.`,
      `${p.shard}: heap retained after a full collection, after each route (MB): ${p.heapMbAfterEachRoute.join(', ')}.`,
    ]),
    '',
    `Statuses: ${Object.entries(statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}.`,
    `Inputs: ${Object.entries(kinds)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')}.`,
    `Slowest: ${slowest?.ms} ms, ${slowest?.route}, ${slowest?.kind}: \`${slowest?.request.slice(0, 160)}\``,
    `Findings: ${findings.length}${
      findings.length
        ? '\n\n' +
          findings
            .slice(0, 50)
            .map((f) => `- ${f}`)
            .join('\n')
        : '.'
    }`,
    '',
    '| Route | Cases | Statuses | Slowest (ms) |',
    '|---|---|---|---|',
    ...summary.routes.map(
      (r) =>
        `| \`${r.route}\` | ${r.cases} | ${Object.entries(r.statuses)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')} | ${r.slowest.ms} |`,
    ),
    '',
  ];
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n'));
  writeFileSync(path.replace(/\.md$/, '') + '.json', JSON.stringify(summary, null, 2));
};
