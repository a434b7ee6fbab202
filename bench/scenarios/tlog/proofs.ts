import { hash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { openDurableDatabase } from '@credence/sqlite';
import { inclusionProof, mapForProofs, type NodeSource, nodeHash, SqliteTree } from '@credence/transparency';
import { nowMs } from '../../harness/stats';

/** A tree of `size` random leaves in its own file, built in bounded transactions. */
export const buildTreeFile = (path: string, size: number): void => {
  const db = openDurableDatabase({ path }, 'NORMAL');
  try {
    const tree = new SqliteTree(db, false);
    for (let at = 0; at < size; at += 100_000) {
      const count = Math.min(100_000, size - at);
      // One call for the chunk: randomBytes per leaf costs more than the tree itself.
      const bytes = randomBytes(32 * count);
      const leaves = Array.from({ length: count }, (_, i) => bytes.subarray(32 * i, 32 * i + 32));
      db.transaction(() => tree.appendLeaves(leaves)).immediate();
    }
  } finally {
    db.close();
  }
};

/** Every level of the same tree in memory: the ceiling for proofs with no storage at all. */
const inMemoryTree = (tree: SqliteTree, size: number): NodeSource => {
  const levels: Buffer[] = [Buffer.concat(Array.from({ length: size }, (_, i) => tree.node(0, i)))];
  for (let width = size >> 1; width > 0; width >>= 1) {
    const below = levels[levels.length - 1];
    const level = Buffer.alloc(width * 32);
    for (let i = 0; i < width; i++)
      level.set(
        nodeHash(below.subarray(64 * i, 64 * i + 32), below.subarray(64 * i + 32, 64 * i + 64)),
        32 * i,
      );
    levels.push(level);
  }
  return { node: (level, index) => levels[level].subarray(32 * index, 32 * index + 32) };
};

/** Inclusion proofs for uniformly random leaves at the full size, for `seconds`. */
const proofsPerSecond = (source: NodeSource, size: number, seconds: number) => {
  let proofs = 0;
  let pseudo = 12345;
  const started = nowMs();
  const stopAt = started + seconds * 1000;
  while (nowMs() < stopAt) {
    for (let i = 0; i < 100; i++) {
      pseudo = (pseudo * 1103515245 + 12345) % 2 ** 31;
      inclusionProof(source, pseudo % size, size);
    }
    proofs += 100;
  }
  return proofs / ((nowMs() - started) / 1000);
};

export const measureProofs = (path: string, size: number, seconds: number) => {
  // As ledger-api opens its proof reader.
  const db = mapForProofs(new Database(path, { readonly: true }));
  try {
    const stored = new SqliteTree(db);
    proofsPerSecond(stored, size, Math.min(0.5, seconds / 4));
    const fromFile = proofsPerSecond(stored, size, seconds);
    const memory = inMemoryTree(stored, size);
    const fromMemory = proofsPerSecond(memory, size, seconds);
    return { fromFile, fromMemory };
  } finally {
    db.close();
  }
};

/** SHA-256 once per hash, nothing else: what a build can never beat. */
export const bareSha256Loop = (inputs: readonly Buffer[]) => {
  const started = nowMs();
  for (const input of inputs) hash('sha256', input, 'buffer');
  return inputs.length / ((nowMs() - started) / 1000);
};
