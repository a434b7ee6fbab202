import type { NodeSource } from '../tree/node-source';

/** What the log service needs from a tree, whichever event store it follows. */
export interface LogTree extends NodeSource {
  /** Leaves in the tree now. */
  size(): number;
  /** The hex SHA-256 event hash that is leaf `leafIndex`'s input; undefined beyond the tree. */
  eventHashAt(leafIndex: number): string | undefined;
  /** Each event's leaf index, null for one the tree does not hold yet (a projection behind). */
  leafIndexes(positions: readonly string[]): (number | null)[];
  close(): void;
}
