import { Metrics } from './metrics';

/** The sample lines of one counter family in a scrape, by their labels. */
const samplesOf = (scrape: string, family: string) =>
  scrape
    .split('\n')
    .filter((line) => line.startsWith(`${family}{`))
    .sort();

describe('Metrics counters counted between scrapes', () => {
  it('given rule evaluations and appended events, when scraped twice, then each scrape shows the totals so far by label', async () => {
    const metrics = new Metrics({ relay: false });
    metrics.evaluated('eu@r2', 'rule-a', 'pass');
    metrics.evaluated('eu@r2', 'rule-a', 'pass');
    metrics.evaluated('eu@r2', 'rule-b', 'block');
    metrics.appended(0.001, ['A', 'B', 'A']);

    const first = await metrics.scrape();
    metrics.evaluated('eu@r2', 'rule-a', 'pass');
    metrics.appended(0.001, ['B']);
    const second = await metrics.scrape();

    expect(samplesOf(first, 'credence_rule_evaluations_total')).toEqual([
      'credence_rule_evaluations_total{ruleset="eu@r2",rule="rule-a",outcome="pass"} 2',
      'credence_rule_evaluations_total{ruleset="eu@r2",rule="rule-b",outcome="block"} 1',
    ]);
    expect(samplesOf(first, 'credence_events_appended_total')).toEqual([
      'credence_events_appended_total{type="A"} 2',
      'credence_events_appended_total{type="B"} 1',
    ]);
    expect(samplesOf(second, 'credence_rule_evaluations_total')[0]).toBe(
      'credence_rule_evaluations_total{ruleset="eu@r2",rule="rule-a",outcome="pass"} 3',
    );
    expect(samplesOf(second, 'credence_events_appended_total')).toEqual([
      'credence_events_appended_total{type="A"} 2',
      'credence_events_appended_total{type="B"} 2',
    ]);
  });
});
