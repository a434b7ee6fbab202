import { formatCheckpoint } from '../note/checkpoint';
import type { NoteSigner } from '../note/signed-note';
import { consistencyProof, inclusionProof, rootHash } from '../tree/proofs';
import { leafHash } from '../tree/rfc9162';
import type { CheckpointStore, StoredCheckpoint } from './checkpoint-store';
import { invalid, notFound } from './errors';
import type { LogTree } from './log-tree';

export type InclusionProof = Readonly<{ leafIndex: number; treeSize: number; hashes: string[] }>;
export type ConsistencyProof = Readonly<{ from: number; to: number; hashes: string[] }>;
export type Leaf = Readonly<{ leafIndex: number; leafHash: string; eventHash: string }>;

const b64 = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('base64'));

/**
 * The public face of the log: signed checkpoints and proofs against them. Proofs are only given
 * for sizes up to the latest checkpoint, so every answer can be tied to a signed root.
 */
export class TransparencyLog {
  constructor(
    private readonly tree: LogTree,
    private readonly checkpoints: CheckpointStore,
    private readonly signer: NoteSigner,
  ) {}

  get vkey(): string {
    return this.signer.vkey;
  }

  get origin(): string {
    return this.signer.name;
  }

  /** Signs the current tree if it grew since the latest checkpoint (or none exists yet). */
  signIfGrown(): StoredCheckpoint | undefined {
    const size = this.tree.size();
    const latest = this.checkpoints.latest();
    if (latest && latest.treeSize >= size) return undefined;
    const root = rootHash(this.tree, size);
    const checkpoint = {
      treeSize: size,
      rootHash: root,
      note: this.signer.sign(formatCheckpoint({ origin: this.origin, treeSize: size, rootHash: root })),
    };
    this.checkpoints.save(checkpoint);
    return checkpoint;
  }

  latest(): StoredCheckpoint {
    const latest = this.checkpoints.latest();
    if (!latest) throw notFound('log.no-checkpoint', 'No checkpoint has been signed yet');
    return latest;
  }

  checkpoint(treeSize: number): StoredCheckpoint {
    this.checkSize('treeSize', treeSize);
    const found = this.checkpoints.at(treeSize);
    if (!found) throw notFound('log.checkpoint-unknown', `No checkpoint was signed at tree size ${treeSize}`);
    return found;
  }

  inclusion(leafIndex: number, treeSize: number): InclusionProof {
    this.checkSize('treeSize', treeSize);
    if (leafIndex >= treeSize)
      throw invalid('log.leaf-out-of-range', `leafIndex ${leafIndex} must be below treeSize ${treeSize}`);
    return { leafIndex, treeSize, hashes: b64(inclusionProof(this.tree, leafIndex, treeSize)) };
  }

  consistency(from: number, to: number): ConsistencyProof {
    this.checkSize('from', from);
    this.checkSize('to', to);
    if (from > to) throw invalid('log.size-out-of-range', `from ${from} must not exceed to ${to}`);
    return { from, to, hashes: b64(consistencyProof(this.tree, from, to)) };
  }

  leaf(leafIndex: number): Leaf {
    const eventHash =
      Number.isSafeInteger(leafIndex) && leafIndex >= 0 && leafIndex < this.latest().treeSize
        ? this.tree.eventHashAt(leafIndex)
        : undefined;
    if (eventHash === undefined)
      throw invalid('log.leaf-out-of-range', `Leaf ${leafIndex} is not under the latest checkpoint`);
    return { leafIndex, leafHash: leafHash(Buffer.from(eventHash, 'hex')).toString('base64'), eventHash };
  }

  leafIndexes(positions: readonly string[]): (number | null)[] {
    return this.tree.leafIndexes(positions);
  }

  /** Sizes run from 1 to the latest signed size: a proof always refers to a signed root. */
  private checkSize(name: string, size: number): void {
    const latest = this.latest().treeSize;
    if (!Number.isSafeInteger(size) || size < 1 || size > latest) {
      throw invalid(
        'log.size-out-of-range',
        `${name} must be between 1 and the latest checkpoint's size ${latest}; got ${size}`,
      );
    }
  }
}
