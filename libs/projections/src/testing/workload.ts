import { randomUUID } from 'node:crypto';
import type {
  CredenceEvent,
  EventMetadata,
  Finding,
  RecordedCredentialEvent,
  RevocationReason,
} from '@credence/domain';
import { EVENT_SCHEMA_VERSIONS } from '@credence/domain';
import type { EventStore } from '@credence/event-store';

/**
 * A deterministic ledger history appended straight to an event store (no API, so thousands of events
 * take a second), with the counts every compliance report must show: the oracle for exactness tests.
 */
export const WORKLOAD_ISSUERS = ['uni-0', 'uni-1', 'uni-2'];
const REASONS: RevocationReason[] = ['fraud', 'issued-in-error', 'superseded'];
const DAY = 86_400_000;
const BASE = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

export type ExpectedCounts = {
  issued: number;
  active: number;
  suspended: number;
  expired: number;
  revoked: number;
  revokedByReason: Record<string, number>;
  refusedByRule: Record<string, number>;
  warningsByRule: Record<string, number>;
};

export type Workload = Readonly<{
  /** Per `issuerId`, per ruleset key (`eu-microcredentials@2022`). */
  expected: Record<string, Record<string, ExpectedCounts>>;
  events: number;
}>;

type Planned = Readonly<{ stream: string; event: CredenceEvent; metadata: Partial<EventMetadata> }>;

const blank = (): ExpectedCounts => ({
  issued: 0,
  active: 0,
  suspended: 0,
  expired: 0,
  revoked: 0,
  revokedByReason: {},
  refusedByRule: {},
  warningsByRule: {},
});
const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

const plan = (credentials: number) => {
  const planned: Planned[] = [];
  const expected: Workload['expected'] = {};
  const counts = (issuerId: string, version: string) =>
    ((expected[issuerId] ??= {})[`eu-microcredentials@${version}`] ??= blank());
  const add = (stream: string, event: CredenceEvent, metadata: Partial<EventMetadata> = {}) =>
    planned.push({ stream, event, metadata });

  for (const issuerId of WORKLOAD_ISSUERS) {
    add(`issuer-${issuerId}`, {
      type: 'IssuerRegistered',
      data: {
        issuerId,
        legalName: `University ${issuerId}`,
        country: 'NL',
        registrationId: `KVK-${issuerId}`,
      },
    });
    add(`issuer-${issuerId}`, {
      type: 'IssuerAccredited',
      data: {
        issuerId,
        accreditationId: `acc-${issuerId}`,
        qaBodyId: null,
        qaBody: 'NVAO',
        scope: { eqfLevels: [5, 6, 7] },
        validFrom: '2025-01-01T00:00:00Z',
        validUntil: '2035-01-01T00:00:00Z',
      },
    });
  }
  for (let i = 0; i < credentials; i++) {
    const issuerId = WORKLOAD_ISSUERS[i % WORKLOAD_ISSUERS.length];
    const version = i % 4 === 0 ? '2026' : '2022';
    const ruleset = { id: 'eu-microcredentials', version, hash: version.repeat(16) };
    const c = counts(issuerId, version);
    const assessedAt = iso(BASE + i * 60_000);
    const issuedAt = iso(BASE + i * 60_000 + ((i % 5) + 1) * DAY);
    const credentialId = `cred-${i}`;
    const warnings: Finding[] =
      i % 3 === 0 ? [{ ruleId: 'annex1.identity-verification', severity: 'warn', message: 'supervise' }] : [];
    add(
      `assessment-asmt-${i}`,
      {
        type: 'AssessmentRecorded',
        data: {
          assessmentId: `asmt-${i}`,
          issuerId,
          specificationId: `spec-${i % 30}`,
          learner: { id: `lrn-${i % 50}` },
          result: { outcome: 'pass' },
          assessor: 'A',
          method: 'exam',
          assessedAt,
          evidence: [],
        },
      },
      { ruleset, now: assessedAt },
    );
    add(
      `credential-${credentialId}`,
      {
        type: 'CredentialIssued',
        data: {
          credentialId,
          issuerId,
          specificationId: `spec-${i % 30}`,
          learner: { id: `lrn-${i % 50}` },
          assessmentIds: [`asmt-${i}`],
          issuedAt,
          ...(i % 7 === 0
            ? { validFrom: '2019-01-01T00:00:00Z', validUntil: '2020-01-01T00:00:00Z' }
            : { validFrom: assessedAt, validUntil: '2099-01-01T00:00:00Z' }),
          ects: 3,
          eqfLevel: 6,
        },
      },
      { ruleset, now: issuedAt, findings: warnings },
    );
    c.issued++;
    if (warnings.length > 0) bump(c.warningsByRule, 'annex1.identity-verification');
    const later = iso(Date.parse(issuedAt) + DAY);
    if (i % 5 === 1) {
      const reason = REASONS[i % REASONS.length];
      add(
        `credential-${credentialId}`,
        { type: 'CredentialRevoked', data: { credentialId, issuerId, reason } },
        { ruleset, now: later },
      );
      c.revoked++;
      bump(c.revokedByReason, reason);
    } else if (i % 5 === 2) {
      add(
        `credential-${credentialId}`,
        { type: 'CredentialSuspended', data: { credentialId, issuerId, reason: 'under-investigation' } },
        { ruleset, now: later },
      );
      c.suspended++;
    } else {
      if (i % 5 === 3) {
        add(
          `credential-${credentialId}`,
          { type: 'CredentialSuspended', data: { credentialId, issuerId, reason: 'issuer-request' } },
          { ruleset, now: later },
        );
        add(
          `credential-${credentialId}`,
          { type: 'CredentialReinstated', data: { credentialId, issuerId } },
          { ruleset, now: iso(Date.parse(later) + DAY) },
        );
      }
      if (i % 7 === 0) c.expired++;
      else c.active++;
    }
    if (i % 6 === 0) {
      const findings: Finding[] = [
        { ruleId: 'annex2.assessment.recent', severity: 'block', message: 'too old' },
      ];
      add(
        `compliance-${issuerId}`,
        {
          type: 'QualityCheckFailed',
          data: {
            issuerId,
            commandType: 'IssueCredential',
            commandId: `refused-${i}`,
            targetStreamId: `credential-x${i}`,
            ruleset,
            findings,
          },
        },
        { ruleset, now: issuedAt },
      );
      bump(c.refusedByRule, 'annex2.assessment.recent');
    }
  }
  return { planned, expected };
};

/** One event, appended as its own command (fresh ids), with the metadata given. */
export const appendOne = async (
  store: EventStore,
  stream: string,
  event: CredenceEvent,
  metadata: Pick<EventMetadata, 'principal' | 'now'> & Partial<EventMetadata>,
) => {
  const commandId = randomUUID();
  await store.append(stream, [
    {
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      data: event.data,
      metadata: { commandId, correlationId: commandId, causationId: commandId, ...metadata },
    },
  ]);
};

/** A credential's history as historyOf records it: each event its own command, at its recordedAt. */
export const appendHistory = async (
  store: EventStore,
  credentialId: string,
  events: readonly RecordedCredentialEvent[],
): Promise<void> => {
  for (const { recordedAt, ...event } of events) {
    const principal = { id: 'clerk', role: 'issuer' as const, issuerId: 'uni-1' };
    await appendOne(store, `credential-${credentialId}`, event, { principal, now: recordedAt });
  }
};

/** Appends the workload in parallel appends (the SQLite store group-commits them). */
export const appendWorkload = async (store: EventStore, credentials: number): Promise<Workload> => {
  const { planned, expected } = plan(credentials);
  const byStream = new Map<string, Planned[]>();
  for (const p of planned) byStream.set(p.stream, [...(byStream.get(p.stream) ?? []), p]);
  // Each stream's events in order; streams in parallel, a few hundred at a time.
  const streams = [...byStream.entries()];
  for (let i = 0; i < streams.length; i += 200) {
    await Promise.all(
      streams.slice(i, i + 200).map(async ([stream, events]) => {
        for (const { event, metadata } of events) {
          await appendOne(store, stream, event, {
            principal: { id: 'workload', role: 'admin' },
            now: iso(BASE),
            ...metadata,
          });
        }
      }),
    );
  }
  return { expected, events: planned.length };
};
