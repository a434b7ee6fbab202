import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseVerifierKey, verifyConsistency } from '@credence/transparency';
import { fromBase64, LogClient, openCheckpoint, type SignedCheckpoint } from './log-client';

/** Exit code when the log forked or shrank: the two checkpoints printed are the evidence. */
export const FORK_EXIT_CODE = 2;

export type WitnessState = { vkey: string; checkpoint?: string };

export type WitnessOptions = Readonly<{
  api: string;
  state: string;
  vkey?: string;
  out?: (line: string) => void;
}>;

const load = (path: string): WitnessState | undefined =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as WitnessState) : undefined;

const save = (path: string, state: WitnessState): void => {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
};

const evidence = (reason: string, seen: SignedCheckpoint, served: SignedCheckpoint): string =>
  [
    `LOG INCONSISTENT: ${reason}`,
    '',
    'Checkpoint seen before:',
    seen.note,
    'Checkpoint served now:',
    served.note,
  ].join('\n');

/**
 * `credence log verify`: a witness. Pins the log key (given, stored, or trusted on first use),
 * checks the new checkpoint's signature, and proves it consistent with the last one it saw
 * before storing it. Returns the exit code.
 */
export const witness = async ({
  api,
  state: statePath,
  vkey,
  out = console.log,
}: WitnessOptions): Promise<number> => {
  const client = new LogClient(api);
  const state = load(statePath);
  if (vkey && state && state.vkey !== vkey)
    throw new Error(`--vkey differs from the key pinned in ${statePath}`);
  const pinned = vkey ?? state?.vkey;
  const verifier = pinned ? parseVerifierKey(pinned) : await client.key();
  if (!pinned) out(`Pinned the log key on first use (compare it out of band): ${verifier.vkey}`);
  const served = await client.checkpoint(verifier);
  const seen = state?.checkpoint ? openCheckpoint(state.checkpoint, verifier) : undefined;
  if (seen) {
    if (served.treeSize < seen.treeSize) {
      out(evidence(`the tree shrank from ${seen.treeSize} to ${served.treeSize}`, seen, served));
      return FORK_EXIT_CODE;
    }
    const proof =
      served.treeSize === seen.treeSize
        ? []
        : fromBase64(
            (
              await client.json<{ hashes: string[] }>(
                `/v1/log/proofs/consistency?from=${seen.treeSize}&to=${served.treeSize}`,
              )
            ).hashes,
          );
    if (!verifyConsistency(seen.treeSize, served.treeSize, proof, seen.rootHash, served.rootHash)) {
      out(
        evidence(
          `the tree of size ${served.treeSize} does not extend the tree of size ${seen.treeSize} (a fork)`,
          seen,
          served,
        ),
      );
      return FORK_EXIT_CODE;
    }
  }
  save(statePath, { vkey: verifier.vkey, checkpoint: served.note });
  out(
    seen
      ? `ok: tree size ${served.treeSize} is consistent with ${seen.treeSize}`
      : `ok: tree size ${served.treeSize}, first checkpoint stored`,
  );
  return 0;
};
