import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CrashAck } from './sqlite-crash-writer';

const ROOT = resolve(__dirname, '../..');
const WRITER = join(ROOT, 'test/support/sqlite-crash-writer.ts');
const LOADER = join(ROOT, 'scripts/register-ts.mjs');

/** Starts the crash writer, SIGKILLs it once it has acknowledged `killAfter` appends, returns the acks. */
export const runAndKill = (path: string, killAfter: number, ...args: string[]): Promise<CrashAck[]> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', LOADER, WRITER, path, ...args], { cwd: ROOT });
    const acks: CrashAck[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        acks.push(JSON.parse(line) as CrashAck);
      } catch {
        return; // the line the kill cut short
      }
      if (acks.length === killAfter) child.kill('SIGKILL');
    });
    child.on('error', fail);
    child.on('close', (code, signal) =>
      signal === 'SIGKILL' ? done(acks) : fail(new Error(`writer exited on its own (${code}): ${stderr}`)),
    );
  });
