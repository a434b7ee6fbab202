import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem, type as osType, release } from 'node:os';

const GIB = 1024 ** 3;

const gitCommit = (): string | null => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};

/** What every figure was measured on; the load average says how busy the shared machine was. */
export const machineConditions = () => {
  const cores = cpus();
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / GIB) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / GIB) * 10) / 10,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
    os: `${osType()} ${release()}`,
    node: process.version,
    commit: gitCommit(),
  };
};

export type MachineConditions = ReturnType<typeof machineConditions>;
