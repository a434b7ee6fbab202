import { instantMs } from '../time';
import { type RecordedActivation, rulesetInForceFrom } from './ruleset-history';

/*
 * Given rulesets activated over time, when asked which one was in force at an instant as known at
 * another, then the last activation recorded by both instants answers (activations take effect when
 * recorded: nothing activates a ruleset in the past).
 */
const day = (mmdd: string) => `2026-${mmdd}T00:00:00Z`;
const activation = (version: string, recordedAt: string): RecordedActivation => ({
  rulesetId: 'eu-mc',
  version,
  hash: `hash-${version}`,
  reason: 'explicit',
  activatedBy: 'admin-1',
  recordedAt,
});
const log = [activation('1', day('01-01')), activation('2', day('03-01')), activation('3', day('06-01'))];
const at = (when: string, asOf = day('12-31'), history = log) =>
  rulesetInForceFrom(history, { atMs: instantMs(when), asOfMs: instantMs(asOf) });

describe('rulesetInForceFrom: the ruleset in force at an instant, as known at another', () => {
  it('is the last one activated at or before the instant', () => {
    expect(at(day('02-15'))).toEqual({
      id: 'eu-mc',
      version: '1',
      hash: 'hash-1',
      activatedAt: day('01-01'),
      reason: 'explicit',
    });
    expect(at(day('03-01'))?.version).toBe('2');
    expect(at(day('12-01'))?.version).toBe('3');
  });

  it('ignores activations recorded after asOf, even when asked about a later instant', () => {
    expect(at(day('12-01'), day('04-01'))?.version).toBe('2');
  });

  it('is null before any activation, as known then or now', () => {
    expect(at('2025-12-31T00:00:00Z')).toBeNull();
    expect(at(day('12-01'), '2025-12-31T00:00:00Z')).toBeNull();
    expect(at(day('12-01'), day('12-31'), [])).toBeNull();
  });

  it('reads the log in order whatever order it is given in', () => {
    expect(at(day('04-01'), day('12-31'), [...log].reverse())?.version).toBe('2');
  });
});
