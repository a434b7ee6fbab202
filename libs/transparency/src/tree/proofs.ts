import { HASH_SIZE, EMPTY_ROOT, nodeHash, splitPoint } from './rfc9162';
import { type NodeSource, TreeRangeError } from './node-source';

const isPowerOfTwo = (n: number): boolean => n > 0 && Number.isInteger(Math.log2(n));

/**
 * MTH(D[start:end]) from stored nodes. The ranges the RFC's recursion produces start at a multiple
 * of their largest power-of-two part, so the left half is always one stored node and the cost is
 * O(log n) reads, never a rebuild.
 */
export const subtreeHash = (source: NodeSource, start: number, end: number): Buffer => {
  const size = end - start;
  if (size <= 0) return EMPTY_ROOT;
  if (isPowerOfTwo(size) && start % size === 0) return source.node(Math.log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(subtreeHash(source, start, start + k), subtreeHash(source, start + k, end));
};

export const rootHash = (source: NodeSource, size: number): Buffer => subtreeHash(source, 0, size);

const checkSize = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new TreeRangeError(`${name} must be a non-negative integer`);
};

/** RFC 9162 2.1.3.1 PATH(m, D[start:end]), iteratively: the audit path, leaf level first. */
export const inclusionProof = (source: NodeSource, index: number, size: number): Buffer[] => {
  checkSize('leafIndex', index);
  checkSize('treeSize', size);
  if (index >= size) throw new TreeRangeError(`leafIndex ${index} is not below treeSize ${size}`);
  const path: Buffer[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push(subtreeHash(source, start + k, end));
      end = start + k;
    } else {
      path.push(subtreeHash(source, start, start + k));
      start += k;
    }
  }
  return path.reverse();
};

/** RFC 9162 2.1.4.1 SUBPROOF(m, D[start:end], b), iteratively, then put in the RFC's order. */
export const consistencyProof = (source: NodeSource, from: number, to: number): Buffer[] => {
  checkSize('from', from);
  checkSize('to', to);
  if (from > to) throw new TreeRangeError(`from ${from} is beyond to ${to}`);
  if (from === 0 || from === to) return [];
  const proof: Buffer[] = [];
  let start = 0;
  let end = to;
  let complete = true;
  while (from !== end) {
    const k = splitPoint(end - start);
    if (from - start <= k) {
      proof.push(subtreeHash(source, start + k, end));
      end = start + k;
    } else {
      proof.push(subtreeHash(source, start, start + k));
      start += k;
      complete = false;
    }
  }
  // The RFC adds MTH(D[start:m]) itself only when the old tree is not a complete left subtree.
  if (!complete) proof.push(subtreeHash(source, start, end));
  return proof.reverse();
};

export const assertHash = (value: Buffer): Buffer => {
  if (value.length !== HASH_SIZE) throw new TreeRangeError('not a SHA-256 hash');
  return value;
};
