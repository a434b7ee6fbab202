import type { Position as EsdbPosition } from '@eventstore/db-client';
import type { Position } from '../envelope';
import { InvalidPositionError } from '../errors';

/**
 * `$all` positions are commit/prepare pairs. They cross the port as "<commit>:<prepare>" text, the
 * form `comparePositions` orders and projector/relay checkpoints store.
 */
export const encodePosition = ({ commit, prepare }: EsdbPosition): Position => `${commit}:${prepare}`;

/** The inverse of encodePosition; a bare sequence number ("42") is a SQLite position, not ours. */
export const decodePosition = (position: Position): EsdbPosition => {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(position);
  if (!match) throw new InvalidPositionError(position);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
};
