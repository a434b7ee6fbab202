import type { RecordedEvent } from '@credence/event-store';
import { leafHash, parseVerifierKey, verifyInclusion } from '@credence/transparency';
import { fromBase64, LogClient } from './log-client';

export type ProveOptions = Readonly<{ api: string; token: string; credentialId: string; vkey?: string }>;

export type CredentialProofs = Readonly<{
  checkpoint: string;
  events: {
    eventId: string;
    type: string;
    leafIndex: number;
    eventHash: string;
    leafHash: string;
    hashes: string[];
  }[];
}>;

/**
 * `credence log prove <credential id>`: the inclusion proof of each of the credential's events
 * under the latest checkpoint, each verified here before it is printed.
 */
export const prove = async ({ api, token, credentialId, vkey }: ProveOptions): Promise<CredentialProofs> => {
  const client = new LogClient(api, token);
  const verifier = vkey ? parseVerifierKey(vkey) : await client.key();
  const checkpoint = await client.checkpoint(verifier);
  const { events } = await client.json<{ events: (RecordedEvent & { leafIndex: number | null })[] }>(
    `/v1/streams/credential-${encodeURIComponent(credentialId)}/events?limit=1000`,
  );
  const proven = [];
  for (const event of events) {
    // Events newer than the checkpoint (or not yet in a projected tree) are proven next time.
    if (event.leafIndex === null || event.leafIndex >= checkpoint.treeSize) continue;
    const { hashes } = await client.json<{ hashes: string[] }>(
      `/v1/log/proofs/inclusion?leafIndex=${event.leafIndex}&treeSize=${checkpoint.treeSize}`,
    );
    const leaf = leafHash(Buffer.from(event.hash, 'hex'));
    if (
      !verifyInclusion(event.leafIndex, checkpoint.treeSize, leaf, fromBase64(hashes), checkpoint.rootHash)
    ) {
      throw new Error(`the log's inclusion proof for event ${event.eventId} does not verify`);
    }
    proven.push({
      eventId: event.eventId,
      type: event.type,
      leafIndex: event.leafIndex,
      eventHash: event.hash,
      leafHash: leaf.toString('base64'),
      hashes,
    });
  }
  return { checkpoint: checkpoint.note, events: proven };
};
