import { comparePositions, type EventStore, type Position, sequenceDistance } from '@credence/event-store';
import { type CompiledRuleset, type PastDecision, replayDecisions, type ReplayReport } from '@credence/rules';
import { PastDecisions } from './past-decisions';

export type ReplayProgress = Readonly<{ events: number; total: number | null; decisions: number }>;

/**
 * Re-evaluates the whole recorded history under `ruleset`: which past decisions it would refuse,
 * and why. Reads the log page by page and never writes to the ledger.
 */
export const replayHistory = async (
  store: EventStore,
  ruleset: CompiledRuleset,
  onProgress: (progress: ReplayProgress) => void = () => undefined,
  pageSize = 1000,
): Promise<ReplayReport> => {
  const head: Position | null = await store.headPosition();
  const total = sequenceDistance(null, head);
  const walker = new PastDecisions();
  const decisions: PastDecision[] = [];
  let after: Position | null = null;
  let events = 0;
  while (head !== null && comparePositions(after, head) < 0) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      const decision = await walker.next(event);
      if (decision) decisions.push(decision);
    }
    events += page.length;
    after = page[page.length - 1].globalPosition;
    onProgress({ events, total, decisions: decisions.length });
  }
  return replayDecisions(decisions, ruleset);
};
