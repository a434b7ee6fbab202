import { runEntry } from '../read-models/support/child';

/** `credence <args>` as its own process, as an operator runs it: its exit code and everything it printed. */
export const runCli = async (
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> => {
  const child = runEntry('apps/cli/src/main.ts', args, env);
  return { code: await child.exited, output: child.output() };
};
