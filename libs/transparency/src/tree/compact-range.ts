import { EMPTY_ROOT, leafHash, nodeHash } from './rfc9162';

/** Called with every node an append completes, the leaf first: (level, index at that level, hash). */
export type CompletedNode = (level: number, index: number, hash: Buffer) => void;

/**
 * The roots of the complete subtrees covering leaves [0, size): at most log2(size) hashes, enough
 * to append and to compute the root. For clients that recompute a root while streaming leaves
 * (the auditor) without keeping the tree; `onNode` lets one compare every node with a stored tree.
 */
export class CompactRange {
  private readonly stack: { height: number; hash: Buffer }[] = [];
  private count = 0;

  constructor(private readonly onNode?: CompletedNode) {}

  get size(): number {
    return this.count;
  }

  /** Appends the leaf whose input is `input` (an event's 32-byte hash). */
  appendInput(input: Uint8Array): void {
    let node = { height: 0, hash: leafHash(input) };
    let index = this.count;
    this.onNode?.(0, index, node.hash);
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].height === node.height) {
      const left = this.stack.pop()!;
      node = { height: node.height + 1, hash: nodeHash(left.hash, node.hash) };
      index = Math.floor(index / 2);
      this.onNode?.(node.height, index, node.hash);
    }
    this.stack.push(node);
    this.count += 1;
  }

  /** RFC 9162 MTH: the complete subtrees, folded from the right. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    return this.stack
      .slice(0, -1)
      .reduceRight((acc, { hash }) => nodeHash(hash, acc), this.stack[this.stack.length - 1].hash);
  }
}
