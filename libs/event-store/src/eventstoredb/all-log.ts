import { END, START, type AllStreamRecordedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { Position } from '../envelope';
import { comparePositions } from '../position';
import { readAllPage } from './reads';
import { decodePosition, encodePosition } from './position-codec';

type IsCredence = (event: AllStreamRecordedEvent) => boolean;

/** Events scanned per `$all` page; the filter runs on the client, so a page may yield few events. */
export const ALL_PAGE_SIZE = 512;

/**
 * Credence events strictly after `after`, in `$all` order. A read from a position includes the
 * event at that position, so every page re-reads its first event and the cursor drops it.
 */
export const scanForward = async (
  client: EventStoreDBClient,
  isCredence: IsCredence,
  after: Position | null,
  maxCount = Number.POSITIVE_INFINITY,
): Promise<AllStreamRecordedEvent[]> => {
  const found: AllStreamRecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await readAllPage(client, {
      from: cursor ? decodePosition(cursor) : START,
      maxCount: ALL_PAGE_SIZE,
    });
    const before = cursor;
    for (const event of page) {
      const position = encodePosition(event.position);
      if (comparePositions(position, cursor) <= 0) continue;
      cursor = position;
      if (!isCredence(event)) continue;
      found.push(event);
      if (found.length >= maxCount) return found;
    }
    if (page.length < ALL_PAGE_SIZE || cursor === before) return found;
  }
};

/** The position of the last Credence event, scanning `$all` backwards past system events. */
export const lastCredencePosition = async (
  client: EventStoreDBClient,
  isCredence: IsCredence,
): Promise<Position | null> => {
  let cursor: Position | null = null;
  for (;;) {
    const page = await readAllPage(client, {
      from: cursor ? decodePosition(cursor) : END,
      maxCount: ALL_PAGE_SIZE,
      backwards: true,
    });
    const before: Position | null = cursor;
    for (const event of page) {
      const position = encodePosition(event.position);
      if (cursor !== null && comparePositions(position, cursor) >= 0) continue;
      cursor = position;
      if (isCredence(event)) return position;
    }
    if (page.length < ALL_PAGE_SIZE || cursor === before) return null;
  }
};
