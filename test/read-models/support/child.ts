import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export type Child = Readonly<{ process: ChildProcess; output: () => string; exited: Promise<number | null> }>;

/** Runs one of the repo's TypeScript entry points as its own process, as deployed (no jest, no mocks). */
export const runEntry = (entry: string, args: readonly string[], env: Record<string, string>): Child => {
  const child = spawn(process.execPath, ['--import', './scripts/register-ts.mjs', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { process: child, output: () => output, exited };
};

export const killHard = async (child: Child): Promise<void> => {
  child.process.kill('SIGKILL');
  await child.exited;
};
