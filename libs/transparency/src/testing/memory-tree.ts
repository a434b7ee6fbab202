import Database from 'better-sqlite3';
import { leafHash } from '../tree/rfc9162';
import { SqliteTree } from '../sqlite/sqlite-tree';

/** A real SqliteTree in a throwaway in-memory database, holding the leaf hashes of `inputs`. */
export const treeOf = (inputs: readonly Uint8Array[]): SqliteTree => {
  const tree = new SqliteTree(new Database(':memory:'));
  tree.appendLeaves(inputs.map((input) => leafHash(input)));
  return tree;
};
