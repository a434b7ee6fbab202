import fc from 'fast-check';
import {
  type CredentialCommand,
  credentialDecider,
  type CredentialEvent,
  type CredentialState,
  DomainError,
  issuerDecider,
  type RecordedCredentialEvent,
} from '@credence/domain';
import { testMetadata } from '@credence/testing';

/**
 * Random credential histories for property tests: the real decider turns random commands at random
 * times, with random effective dates, into events (refusals are skipped, as the API would refuse
 * them). Hours are counted from ISSUED_MS, when the issuance is recorded.
 */
export const HOUR = 3_600_000;
export const ISSUED_MS = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const issuer = [
  {
    type: 'IssuerRegistered',
    data: { issuerId: 'uni-1', legalName: 'U', country: 'NL', registrationId: 'K' },
  },
].reduce(issuerDecider.evolve as never, issuerDecider.initialState()) as never;

const step = fc.record({
  kind: fc.constantFrom('SuspendCredential', 'ReinstateCredential', 'RevokeCredential'),
  gapHours: fc.integer({ min: 0, max: 24 * 30 }),
  effective: fc.oneof(
    fc.constant<'default'>('default'),
    fc.constant<'ab-initio'>('ab-initio'),
    fc.integer({ min: -24 * 10, max: 24 * 90 }),
  ),
  reason: fc.constantFrom('fraud', 'issuer-request', 'under-investigation', 'superseded'),
});

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const commandFor = (credentialId: string, s: Step, nowMs: number): CredentialCommand => {
  const effectiveAt =
    s.effective === 'default'
      ? undefined
      : s.effective === 'ab-initio'
        ? 'ab-initio'
        : iso(nowMs - s.effective * HOUR);
  const metadata = testMetadata({
    principal: { id: 'clerk', role: 'issuer', issuerId: 'uni-1' },
    issuerId: 'uni-1',
    now: iso(nowMs),
  });
  const data = { credentialId, context: { issuer }, effectiveAt, reason: s.reason as never };
  return { type: s.kind, data, metadata } as CredentialCommand;
};

export const historyOf = (
  { validFromHours, validForHours, steps }: Pick<History, 'validFromHours' | 'validForHours' | 'steps'>,
  credentialId = 'cred-1',
) => {
  const issued: CredentialEvent = {
    type: 'CredentialIssued',
    data: {
      credentialId,
      issuerId: 'uni-1',
      specificationId: 'spec-1',
      learner: { id: 'lrn-1' },
      assessmentIds: ['asmt-1'],
      issuedAt: iso(ISSUED_MS),
      validFrom: iso(ISSUED_MS + validFromHours * HOUR),
      validUntil:
        validForHours === null ? undefined : iso(ISSUED_MS + (validFromHours + validForHours) * HOUR),
    },
  };
  let state: CredentialState = credentialDecider.evolve(credentialDecider.initialState(), issued);
  let nowMs = ISSUED_MS;
  const events: RecordedCredentialEvent[] = [{ ...issued, recordedAt: iso(nowMs) }];
  for (const s of steps) {
    nowMs += s.gapHours * HOUR + 1000;
    try {
      for (const event of credentialDecider.decide(commandFor(credentialId, s, nowMs), state)) {
        state = credentialDecider.evolve(state, event);
        events.push({ ...event, recordedAt: iso(nowMs) });
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return { events, state, nowMs };
};

export const histories = fc.record({
  validFromHours: fc.integer({ min: -24 * 60, max: 24 * 30 }),
  validForHours: fc.option(fc.integer({ min: 1, max: 24 * 200 }), { nil: null }),
  steps: fc.array(step, { maxLength: 12 }),
  questions: fc.array(
    fc.record({
      at: fc.integer({ min: -24 * 90, max: 24 * 400 }),
      asOf: fc.integer({ min: -24, max: 24 * 400 }),
    }),
    { minLength: 1, maxLength: 20 },
  ),
});

export type History = typeof histories extends fc.Arbitrary<infer H> ? H : never;
