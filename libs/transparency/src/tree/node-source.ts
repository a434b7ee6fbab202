/**
 * Read access to a tree's stored nodes. `node(level, index)` is the root of the complete subtree
 * over leaves [index·2^level, (index+1)·2^level); only complete subtrees are stored, so a node,
 * once there, never changes.
 */
export interface NodeSource {
  node(level: number, index: number): Buffer;
}

export class TreeRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
