import fc from 'fast-check';
import {
  type CredentialCommand,
  credentialDecider,
  type CredentialEvent,
  type CredentialState,
  credentialStatusAt,
  credentialStatusFrom,
  DomainError,
  issuerDecider,
  type RecordedCredentialEvent,
} from '@credence/domain';
import { testMetadata } from '@credence/testing';
import { credentialsProjection, type CredentialDoc } from '../projections/credentials';
import { erase } from '../projection';
import { evolveDocuments } from '../projector/evolve-documents';
import { recorded } from '../testing/projection-spec';
import { statusAt } from './credential-status';

/*
 * Random histories, made by the real decider from random commands at random times with random
 * effective dates (refusals are skipped, as the API would refuse them). Then the read model (the
 * projection's document, which the status route reads) must judge every (at, asOf) exactly as the
 * domain judges the raw stream, and at (now, now) as the decider's current state does.
 */
const HOUR = 3_600_000;
const ISSUED_MS = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const ids = { credentialId: 'cred-1', issuerId: 'uni-1' };
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

const commandFor = (s: Step, nowMs: number): CredentialCommand => {
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
  const data = { credentialId: 'cred-1', context: { issuer }, effectiveAt, reason: s.reason as never };
  return { type: s.kind, data, metadata } as CredentialCommand;
};

const historyOf = (validFromHours: number, validForHours: number | null, steps: readonly Step[]) => {
  const issued: CredentialEvent = {
    type: 'CredentialIssued',
    data: {
      ...ids,
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
      for (const event of credentialDecider.decide(commandFor(s, nowMs), state)) {
        state = credentialDecider.evolve(state, event);
        events.push({ ...event, recordedAt: iso(nowMs) });
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return { events, state, nowMs };
};

const projected = (events: readonly RecordedCredentialEvent[]): CredentialDoc => {
  const given = events.map(({ recordedAt, ...event }) => ({ ...event, metadata: { now: recordedAt } }));
  return evolveDocuments(erase(credentialsProjection), new Map(), recorded(given as never)).get(
    'cred-1',
  ) as CredentialDoc;
};

const histories = fc.record({
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

describe('credential status: the read model and the domain agree on random histories', () => {
  it('answers every (at, asOf) from the projected document as from the raw stream', () => {
    fc.assert(
      fc.property(histories, ({ validFromHours, validForHours, steps, questions }) => {
        const { events } = historyOf(validFromHours, validForHours, steps);
        const doc = projected(events);
        for (const q of questions) {
          const question = { atMs: ISSUED_MS + q.at * HOUR, asOfMs: ISSUED_MS + q.asOf * HOUR };
          expect(statusAt(doc, question)).toEqual(credentialStatusFrom(events, question));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('judges (now, as of now) as the current state does', () => {
    fc.assert(
      fc.property(histories, ({ validFromHours, validForHours, steps }) => {
        const { events, state, nowMs } = historyOf(validFromHours, validForHours, steps);
        if (state.status === 'absent') throw new Error('issued above');
        const fromHistory = credentialStatusFrom(events, { atMs: nowMs, asOfMs: nowMs });
        const fromState = credentialStatusAt(state, iso(nowMs));
        expect({ status: fromHistory.status, reason: fromHistory.reason ?? undefined }).toEqual({
          status: fromState.status,
          reason: 'reason' in fromState ? fromState.reason : undefined,
        });
      }),
      { numRuns: 300 },
    );
  });
});
