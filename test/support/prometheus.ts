/** prom2json's shape, as parse-prometheus-text-format returns it (the package ships no types). */
export type MetricFamily = Readonly<{
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: readonly Readonly<{
    labels?: Record<string, string>;
    value?: string;
    count?: string;
    sum?: string;
    buckets?: Record<string, string>;
  }>[];
}>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse = require('parse-prometheus-text-format') as (text: string) => MetricFamily[];

/** Parses a scrape with a Prometheus text-format parser, so a malformed exposition fails the test. */
export const parseScrape = (text: string): ReadonlyMap<string, MetricFamily> =>
  new Map(parse(text).map((family) => [family.name, family]));

/** The samples of a family whose labels include `labels`. */
export const samples = (
  families: ReadonlyMap<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
) =>
  (families.get(name)?.metrics ?? []).filter((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
  );

/**
 * A histogram's `_count` per label set. parse-prometheus-text-format 1.1 folds every labelled series
 * of a histogram into one (its flattenMetrics keeps only `le`), so the `_count` samples are parsed
 * on their own, as the untyped family they are without the TYPE line.
 */
export const histogramCounts = (
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number[] => {
  const countLines = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}_count{`) || line.startsWith(`${name}_count `));
  return samples(parseScrape(countLines.join('\n') + '\n'), `${name}_count`, labels).map((m) =>
    Number(m.value),
  );
};
