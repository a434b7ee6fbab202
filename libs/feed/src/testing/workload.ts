import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CredentialEvent } from '@credence/domain';
import { sqliteEventsPath, type EventStore } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import type { CredentialStatus } from '../credential-status';
import {
  credentialIssued,
  credentialReinstated,
  credentialRevoked,
  credentialSuspended,
  metadata,
  toNew,
} from './events';

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'credence-feed-'));

/** The file every app opens in CREDENCE_DATA_DIR. */
export const openDataDirStore = (dataDir: string): SqliteEventStore =>
  SqliteEventStore.open({ path: sqliteEventsPath(dataDir) });

/** Credential i goes through one of four histories, so every status and transition occurs. */
const history = (id: string, i: number): { events: CredentialEvent[]; status: CredentialStatus } => {
  const issued = credentialIssued(id, i % 2 === 0 ? '2030-01-01T00:00:00.000Z' : undefined);
  switch (i % 4) {
    case 0:
      return { events: [issued], status: 'active' };
    case 1:
      return { events: [issued, credentialSuspended(id)], status: 'suspended' };
    case 2:
      return { events: [issued, credentialSuspended(id), credentialReinstated(id)], status: 'active' };
    default:
      return { events: [issued, credentialRevoked(id)], status: 'revoked' };
  }
};

export type Workload = { expectedStatus: Map<string, CredentialStatus>; appended: number };

/**
 * Appends `credentials` credential streams (2 events each on average) and one issuer event per ten
 * credentials, a few appends at a time. Credential ids carry `label` so runs never collide.
 */
export const appendWorkload = async (
  store: EventStore,
  credentials: number,
  label: string,
  from = 0,
): Promise<Workload> => {
  const expectedStatus = new Map<string, CredentialStatus>();
  let appended = 0;
  const appendOne = async (i: number) => {
    const id = `${label}-${i}`;
    const { events, status } = history(id, i);
    // Stream history split over two appends, as separate commands would write it.
    await store.append(
      `credential-${id}`,
      events.slice(0, 1).map((e) => toNew(e)),
    );
    if (events.length > 1)
      await store.append(
        `credential-${id}`,
        events.slice(1).map((e) => toNew(e)),
      );
    if (i % 10 === 0) {
      const data = { issuerId: `${id}-issuer`, legalName: 'Uni', country: 'NL', registrationId: id };
      await store.append(`issuer-${id}-issuer`, [
        toNew({ type: 'IssuerRegistered', data }, metadata({ ruleset: undefined })),
      ]);
      appended++;
    }
    expectedStatus.set(id, status);
    appended += events.length;
  };
  const parallel = 32;
  for (let start = from; start < from + credentials; start += parallel) {
    const chunk = Array.from({ length: Math.min(parallel, from + credentials - start) }, (_, k) => start + k);
    await Promise.all(chunk.map(appendOne));
  }
  return { expectedStatus, appended };
};
