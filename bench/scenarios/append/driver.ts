import { nowMs, Recorder } from '../../harness/stats';
import type { Append } from '../../workload/credential-events';

export type Timing = Readonly<{ seconds: number; warmupSeconds: number }>;

export type Failures = { failures: number; firstError: string | undefined };

/**
 * `writers` loops, each awaiting one append at a time, until the time is up. Latency is from the
 * call to its settled promise: for a durable store, from request to acknowledged commit. A failed
 * append is counted in `failures` and not in the throughput; the first error is kept.
 */
export const driveWriters = async (
  writers: number,
  next: () => Append,
  append: (request: Append, writer: number) => Promise<unknown>,
  { seconds, warmupSeconds }: Timing,
): Promise<Recorder & Failures> => {
  const start = nowMs();
  const stopAt = start + (warmupSeconds + seconds) * 1000;
  const recorder = new Recorder(start + warmupSeconds * 1000);
  const failed: Failures = { failures: 0, firstError: undefined };
  const writer = async (index: number) => {
    while (nowMs() < stopAt) {
      const request = next();
      const began = nowMs();
      try {
        await append(request, index);
        recorder.record(began, nowMs(), request.events.length);
      } catch (error) {
        failed.failures += 1;
        failed.firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, i) => writer(i)));
  return Object.assign(recorder, failed);
};
