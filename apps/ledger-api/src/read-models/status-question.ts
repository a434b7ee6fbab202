import { instantMs, type StatusQuestion } from '@credence/domain';
import { ReadModelError } from '@credence/projections';
import type { StatusAtQueryDto } from './read-models.dto';

/**
 * The (at, asOf) of a status-at-an-instant route, both default now. `asOf` in the future is refused:
 * the ledger cannot say what it will have known.
 */
export const statusQuestion = (query: StatusAtQueryDto, nowMs = Date.now()): StatusQuestion => {
  const atMs = query.at ? instantMs(query.at, 'at') : nowMs;
  const asOfMs = query.asOf ? instantMs(query.asOf, 'asOf') : nowMs;
  if (asOfMs > nowMs) {
    throw new ReadModelError('invalid', 'status.as-of-in-future', `asOf ${query.asOf} is in the future`, {
      field: 'asOf',
      value: query.asOf,
    });
  }
  return { atMs, asOfMs };
};
