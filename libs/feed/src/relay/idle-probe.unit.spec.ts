import { startIdleProbe } from './idle-probe';

describe('startIdleProbe', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const run = (probe: () => Promise<void>, busy = () => false) => {
    const seen: string[] = [];
    const stop = startIdleProbe({
      intervalMs: 1000,
      busy,
      probe,
      onDown: (m) => seen.push(`down: ${m}`),
      onUp: () => seen.push('up'),
    });
    return { seen, stop };
  };

  it('reports Kafka down and up again while idle', async () => {
    let answer: Error | undefined = new Error('Connection error: connect ECONNREFUSED');
    const { seen, stop } = run(async () => {
      if (answer) throw answer;
    });
    await jest.advanceTimersByTimeAsync(1000);
    answer = undefined;
    await jest.advanceTimersByTimeAsync(1000);
    stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['down: Connection error: connect ECONNREFUSED', 'up']);
  });

  it('stands aside while a batch is being published', async () => {
    let probes = 0;
    const { seen, stop } = run(
      async () => void probes++,
      () => true,
    );
    await jest.advanceTimersByTimeAsync(3000);
    stop();
    expect([probes, seen]).toEqual([0, []]);
  });
});
