import type {
  CredentialIssued,
  CredentialReinstated,
  CredentialRevoked,
  CredentialSuspended,
  EventMetadata,
} from '@credence/domain';
import { EVENT_SCHEMA_VERSIONS, streamId } from '@credence/domain';
import type { NewEvent } from '@credence/event-store';
import { type Random, seeded, uuidFrom, zipf } from '../harness/random';

export type Append = Readonly<{ streamId: string; events: NewEvent[] }>;

export type WorkloadOptions = Readonly<{
  /** How many credential streams the Zipf spread covers. */
  streams: number;
  /** Zipf exponent: 1.0 makes the hottest stream ~10% of appends at 10k streams. */
  zipfExponent: number;
  seed?: number;
}>;

const RULESET = {
  id: 'eu-microcredentials',
  version: '2022',
  hash: 'c0ffee0ddba11f00c0ffee0ddba11f00c0ffee0ddba11f00c0ffee0ddba11f00',
};
const EPOCH_MS = Date.parse('2026-01-05T09:00:00Z');

/** Fixed-width stream ids, so every contender stores the same bytes. */
const credentialId = (rank: number): string =>
  `00000000-0000-4000-a000-${rank.toString(16).padStart(12, '0')}`;

const issuerOf = (rank: number): string => `issuer-${(rank % 40).toString().padStart(3, '0')}`;

const metadata = (random: Random, rank: number, now: string): EventMetadata => {
  const commandId = uuidFrom(random);
  const issuerId = issuerOf(rank);
  return {
    commandId,
    principal: { id: uuidFrom(random), role: 'issuer', issuerId },
    issuerId,
    now,
    correlationId: commandId,
    causationId: commandId,
    ruleset: RULESET,
  };
};

/** What the ledger writes when a credential is issued: the shapes of libs/domain/src/credential/events.ts. */
const issued = (id: string, rank: number, now: string): CredentialIssued['data'] => ({
  credentialId: id,
  issuerId: issuerOf(rank),
  specificationId: `spec-${(rank % 97).toString().padStart(3, '0')}-applied-data-visualisation`,
  learner: {
    id: `lrn-${rank.toString(36).padStart(6, '0')}`,
    identity: {
      identityType: 'emailAddress',
      identityHash: `sha256$${(rank * 2654435761).toString(16).padStart(16, '0').repeat(4).slice(0, 64)}`,
      salt: 'x1y2',
    },
  },
  assessmentIds: [`asmt-${rank.toString(16).padStart(10, '0')}`],
  issuedAt: now,
  validFrom: '2026-01-06T00:00:00Z',
  validUntil: '2031-01-06T00:00:00Z',
  ects: 3,
  eqfLevel: 6,
  accreditation: {
    accreditationId: `acc-${issuerOf(rank)}`,
    qaBody: 'NVAO',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2030-12-31T23:59:59Z',
  },
});

type LifecycleData = CredentialSuspended['data'] | CredentialReinstated['data'] | CredentialRevoked['data'];

const lifecycle = (id: string, rank: number, step: number): { type: string; data: LifecycleData } => {
  const issuerId = issuerOf(rank);
  switch (step % 3) {
    case 0:
      return {
        type: 'CredentialSuspended',
        data: {
          credentialId: id,
          issuerId,
          reason: 'under-investigation',
          note: 'complaint received from the employer',
        },
      };
    case 1:
      return {
        type: 'CredentialReinstated',
        data: { credentialId: id, issuerId, note: 'investigation closed' },
      };
    default:
      return {
        type: 'CredentialRevoked',
        data: { credentialId: id, issuerId, reason: 'issued-in-error', note: 'wrong cohort' },
      };
  }
};

/**
 * Appends of 1 to 3 credential events, to credential streams chosen by a Zipf spread. The same
 * options and seed give the same sequence, so every contender stores the same rows.
 */
export const credentialWorkload = ({ streams, zipfExponent, seed = 7 }: WorkloadOptions): (() => Append) => {
  const random = seeded(seed);
  const pick = zipf(streams, zipfExponent, random);
  const written = new Uint32Array(streams);
  let clock = 0;
  return () => {
    const rank = pick();
    const id = credentialId(rank);
    const count = 1 + Math.floor(random() * 3);
    const events: NewEvent[] = [];
    for (let i = 0; i < count; i++) {
      const now = new Date(EPOCH_MS + clock++).toISOString();
      const index = written[rank]++;
      const { type, data } =
        index === 0
          ? { type: 'CredentialIssued', data: issued(id, rank, now) }
          : lifecycle(id, rank, index - 1);
      events.push({
        eventId: uuidFrom(random),
        type,
        schemaVersion: EVENT_SCHEMA_VERSIONS[type as keyof typeof EVENT_SCHEMA_VERSIONS],
        data,
        metadata: metadata(random, rank, now),
      });
    }
    return { streamId: streamId('credential', id), events };
  };
};
