import type { RecordedEvent } from '@credence/event-store';
import { FeedVerifier } from '@credence/feed';
import { CompactRange, parseVerifierKey } from '@credence/transparency';
import { ProgressMeter, progressLine } from '@credence/runtime';
import { LogClient } from './log-client';

type ApiEvent = RecordedEvent & { leafIndex: number | null };
type Page = { events: ApiEvent[]; next: string | null; more: boolean };

export type AuditOptions = Readonly<{
  api: string;
  token: string;
  vkey?: string;
  pageSize?: number;
  out?: (line: string) => void;
}>;

/**
 * `credence log audit`: reads every event through the events route, re-checks each event's hash
 * and its stream's chain, recomputes the Merkle root over the first treeSize event hashes and
 * compares it with the signed checkpoint. Returns the exit code (1 on any mismatch).
 */
export const audit = async ({
  api,
  token,
  vkey,
  pageSize = 1000,
  out = console.log,
}: AuditOptions): Promise<number> => {
  const client = new LogClient(api, token);
  const verifier = vkey ? parseVerifierKey(vkey) : await client.key();
  const checkpoint = await client.checkpoint(verifier);
  const chains = new FeedVerifier();
  const range = new CompactRange();
  const line = progressLine(process.stderr, 'log audit ');
  let meter: ProgressMeter | undefined;
  const progress = {
    update: (done: number, total: number) => line.update((meter ??= new ProgressMeter(total)).reach(done)),
    done: () => meter && line.end(meter.current()),
  };
  const fail = (message: string) => {
    progress.done();
    out(`AUDIT FAILED: ${message}`);
    return 1;
  };
  let after: string | null = null;
  while (range.size < checkpoint.treeSize) {
    const page: Page = await client.json<Page>(
      `/v1/events?limit=${pageSize}${after ? `&after=${after}` : ''}`,
    );
    for (const event of page.events) {
      if (range.size === checkpoint.treeSize) break;
      if (event.leafIndex !== range.size)
        return fail(
          `event ${event.eventId} claims leaf ${event.leafIndex}, but is number ${range.size} in the log`,
        );
      const verdict = chains.accept(event);
      if (verdict.kind !== 'new')
        return fail(
          `event ${event.eventId} (${event.streamId}@${event.streamVersion}): ${verdict.kind === 'broken' ? verdict.reason : 'a duplicate'}`,
        );
      range.appendInput(Buffer.from(event.hash, 'hex'));
    }
    progress.update(range.size, checkpoint.treeSize);
    if (!page.more || page.events.length === 0) break;
    after = page.next;
  }
  progress.done();
  if (range.size < checkpoint.treeSize)
    return fail(`the checkpoint covers ${checkpoint.treeSize} events, the log shows only ${range.size}`);
  if (!range.root().equals(checkpoint.rootHash)) {
    return fail(
      `the root over the ${range.size} events is ${range.root().toString('base64')}, the checkpoint signs ${checkpoint.rootHash.toString('base64')}`,
    );
  }
  out(
    `ok: ${range.size} events re-hashed, chains intact, root matches the checkpoint of size ${checkpoint.treeSize}`,
  );
  return 0;
};
