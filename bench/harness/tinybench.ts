import type { Bench } from 'tinybench';

/** A tinybench task's rate, per second; a task that did not complete fails the figure. */
export const perSecond = (bench: Bench, name: string): number => {
  const result = bench.getTask(name)?.result;
  if (!result || !('period' in result))
    throw new Error(`tinybench task ${name} did not complete (${result?.state})`);
  return 1000 / result.period;
};
