import { RefusalLimiter } from './refusal-limit';

describe('RefusalLimiter: rule refusals per principal per window', () => {
  let now = 0;
  const limiter = () => new RefusalLimiter(2, 60_000, () => now);

  beforeEach(() => (now = 1_000_000));

  it('given a principal under the limit, then each refusal may be recorded', () => {
    const l = limiter();
    expect([l.take('p'), l.take('p')]).toEqual([undefined, undefined]);
  });

  it('given a principal at the limit, then the next refusal waits for the rest of the window', () => {
    const l = limiter();
    l.take('p');
    l.take('p');
    now += 15_000;
    expect(l.take('p')).toBe(45);
  });

  it('counts each principal apart', () => {
    const l = limiter();
    l.take('p');
    l.take('p');
    expect(l.take('q')).toBeUndefined();
  });

  it('given the window has ended, then refusals may be recorded again', () => {
    const l = limiter();
    l.take('p');
    l.take('p');
    now += 60_000;
    expect(l.take('p')).toBeUndefined();
  });
});
