import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../libs/feed/src/testing/relay-process';
import { nowMs } from './stats';
import { warmTranspileCache } from './transpile-cache';

const ROOT = join(__dirname, '..', '..');
const LAUNCHER = join(ROOT, 'scripts', 'ledger-api.sh');
const children = new Set<ChildProcess>();

export type App = Readonly<{
  pid: number;
  baseUrl: string;
  /** Spawn to the first 200 from /health. */
  startupMs: number;
  stop: () => Promise<void>;
  output: () => string;
}>;

/**
 * Starts a TypeScript entry point as its own process (through scripts/register-ts.mjs), on its own
 * core as far as the OS allows, so the load generator in this process does not steal its CPU.
 */
export const startApp = async (
  entry: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
  /** Extra node flags after the launcher's, e.g. `--cpu-prof` (bench/profile). */
  nodeArgs: readonly string[] = [],
): Promise<App> => {
  // The start-up and memory measured are the app's own, not its first transpiling of our TypeScript.
  warmTranspileCache(entry);
  const port = await freePort();
  const started = nowMs();
  // Through ledger-api's launcher, which execs node with the flags `npm start` and the image use
  // (the child's pid is node's): the bare app gets the same runtime, so the memory ratios compare
  // like with like.
  const child = spawn(
    'sh',
    [LAUNCHER, ...nodeArgs, '--import', join(ROOT, 'scripts/register-ts.mjs'), join(ROOT, entry)],
    {
      cwd: ROOT,
      env: { ...env, NODE: process.execPath, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  while (nowMs() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) {
        return { pid: child.pid!, baseUrl, startupMs: nowMs() - started, stop, output: () => output };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(20);
  }
  await stop();
  throw new Error(`${entry} did not answer /health within ${timeoutMs} ms:\n${output}`);
};

export const stopAllChildren = async (): Promise<void> => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
};

/** Resident set size from /proc, in MB (MiB); null where /proc is missing. */
export const residentMb = (pid: number): number | null => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
};

/** RssAnon / RssFile from /proc in MB: what the process allocated apart from mapped files (code). */
export const residentParts = (pid: number): { anonMb: number; fileMb: number } | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
    return { anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024 };
  } catch {
    return null;
  }
};

const cpuTicks = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
};

/**
 * Waits until the process used under 5% of a core for a whole second (its start-up catch-up is
 * done), or until `maxSeconds`. Returns how long it took and whether it settled.
 */
export const waitUntilIdle = async (pid: number, maxSeconds: number) => {
  const started = nowMs();
  let previous = cpuTicks(pid);
  if (previous === null) return { settled: false, seconds: 0 };
  while (nowMs() - started < maxSeconds * 1000) {
    await sleep(1000);
    const ticks = cpuTicks(pid);
    if (ticks === null) break;
    // Clock ticks are 1/100 s: 5 ticks in one second is 5% of a core.
    if (ticks - previous <= 5) return { settled: true, seconds: (nowMs() - started) / 1000 };
    previous = ticks;
  }
  return { settled: false, seconds: (nowMs() - started) / 1000 };
};

/** What node itself says its memory is (MB): V8's heap, memory outside it held by JS objects, and RSS. */
export type MemoryParts = Readonly<{
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  rssMb: number;
}>;

const METRIC_NAMES = {
  heapUsedMb: 'nodejs_heap_size_used_bytes',
  heapTotalMb: 'nodejs_heap_size_total_bytes',
  externalMb: 'nodejs_external_memory_bytes',
  rssMb: 'process_resident_memory_bytes',
} as const;

/** Reads MemoryParts from a process's Prometheus default metrics (ledger-api's METRICS_PORT); null if it does not answer. */
export const memoryParts = async (metricsUrl: string): Promise<MemoryParts | null> => {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const mb = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) / 1024 / 1024;
    const parts = Object.fromEntries(Object.entries(METRIC_NAMES).map(([key, name]) => [key, mb(name)]));
    return Object.values(parts).every(Number.isFinite) ? (parts as MemoryParts) : null;
  } catch {
    return null;
  }
};

/**
 * Samples the resident set every 100 ms while `during` runs; returns its result and the peak. With
 * `metricsUrl`, also node's own account every 500 ms: the sample taken at the largest resident set.
 */
export const peakResident = async <T>(pid: number, during: () => Promise<T>, metricsUrl?: string) => {
  let peak = residentMb(pid) ?? 0;
  let parts: MemoryParts | null = null;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid) ?? 0);
  }, 100);
  const sampler = metricsUrl
    ? setInterval(() => {
        void memoryParts(metricsUrl).then((sample) => {
          if (sample && (!parts || sample.rssMb > parts.rssMb)) parts = sample;
        });
      }, 500)
    : undefined;
  try {
    const result = await during();
    return { result, peakMb: Math.max(peak, residentMb(pid) ?? 0), parts: parts as MemoryParts | null };
  } finally {
    clearInterval(timer);
    clearInterval(sampler);
  }
};
