import type { Position } from './envelope';
import { InvalidPositionError } from './errors';

type Parsed = { commit: bigint; prepare: bigint };

const parse = (position: Position): Parsed => {
  const match = /^(\d{1,20})(?::(\d{1,20}))?$/.exec(position);
  if (!match) throw new InvalidPositionError(position);
  const commit = BigInt(match[1]);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
};

export const isPosition = (value: string): value is Position => /^\d{1,20}(?::\d{1,20})?$/.test(value);

/** Orders positions of either kind: -1, 0 or 1. Null (the start of the log) sorts first. */
export const comparePositions = (a: Position | null, b: Position | null): number => {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const x = parse(a);
  const y = parse(b);
  if (x.commit !== y.commit) return x.commit < y.commit ? -1 : 1;
  if (x.prepare !== y.prepare) return x.prepare < y.prepare ? -1 : 1;
  return 0;
};

export const sequencePosition = (n: number | bigint): Position => String(n);

/** Events between two sequence positions; null where the log's positions are not a sequence. */
export const sequenceDistance = (from: Position | null, to: Position | null): number | null => {
  if (to === null) return 0;
  if (to.includes(':') || (from !== null && from.includes(':'))) return null;
  return Number(BigInt(to) - BigInt(from ?? '0'));
};
