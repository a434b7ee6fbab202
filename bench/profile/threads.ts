import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks are 1/100 s on Linux (`getconf CLK_TCK`). */
const TICK_US = 10_000;

const taskCpuUs = (pid: number, tid: string): number => {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
};

/**
 * CPU µs (user + system) of each thread of a process, summed by thread name; the main thread (the
 * event loop) is `main`. Names are what the kernel keeps (`comm`): V8's helpers are `V8 DefaultWorke`,
 * libuv's pool `libuv-worker`, worker_threads `node` like the main one, hence the separate key.
 */
export const threadTimes = (pid: number): Record<string, number> => {
  const times: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name =
        tid === String(pid) ? 'main' : readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      times[name] = (times[name] ?? 0) + taskCpuUs(pid, tid);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times;
};
