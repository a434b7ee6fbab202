import { randomUUID } from 'node:crypto';
import type { CredentialEvent, EventMetadata } from '@credence/domain';
import { chainLinks, sequencePosition, type NewEvent, type RecordedEvent } from '@credence/event-store';

/** Test-only builders for feed specs: realistic credential events and hand-chained envelopes. */

export const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => {
  const commandId = randomUUID();
  return {
    commandId,
    principal: { id: 'issuer-user', role: 'issuer', issuerId: 'uni-1' },
    issuerId: 'uni-1',
    now: '2025-03-01T10:00:00.000Z',
    correlationId: commandId,
    causationId: commandId,
    ruleset: { id: 'eu-microcredentials', version: '2022', hash: 'f'.repeat(64) },
    ...overrides,
  };
};

export const credentialIssued = (credentialId: string, validUntil?: string): CredentialEvent => ({
  type: 'CredentialIssued',
  data: {
    credentialId,
    issuerId: 'uni-1',
    specificationId: 'spec-1',
    learner: { id: `learner-${credentialId}` },
    assessmentIds: [`assessment-${credentialId}`],
    issuedAt: '2025-03-01T10:00:00.000Z',
    validFrom: '2025-03-01T00:00:00.000Z',
    ...(validUntil ? { validUntil } : {}),
  },
});

export const credentialSuspended = (credentialId: string): CredentialEvent => ({
  type: 'CredentialSuspended',
  data: { credentialId, issuerId: 'uni-1', reason: 'under-investigation' },
});

export const credentialReinstated = (credentialId: string): CredentialEvent => ({
  type: 'CredentialReinstated',
  data: { credentialId, issuerId: 'uni-1' },
});

export const credentialRevoked = (credentialId: string): CredentialEvent => ({
  type: 'CredentialRevoked',
  data: { credentialId, issuerId: 'uni-1', reason: 'fraud', note: 'diploma mill' },
});

export const toNew = (
  event: { type: string; data: unknown },
  meta: EventMetadata = metadata(),
): NewEvent => ({
  eventId: randomUUID(),
  type: event.type,
  schemaVersion: 1,
  data: event.data,
  metadata: meta,
});

/** A correctly chained stream, as a store would record it, without a store. */
export const chained = (
  streamId: string,
  events: readonly { type: string; data: unknown }[],
  firstPosition = 1,
): RecordedEvent[] =>
  chainLinks(
    streamId,
    events.map((e) => toNew(e)),
    null,
  ).map((link, i) => ({ ...link, globalPosition: sequencePosition(firstPosition + i) }));
