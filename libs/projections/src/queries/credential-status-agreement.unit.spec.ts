import fc from 'fast-check';
import { credentialStatusAt, credentialStatusFrom, type RecordedCredentialEvent } from '@credence/domain';
import { credentialsProjection, type CredentialDoc } from '../projections/credentials';
import { erase } from '../projection';
import { evolveDocuments } from '../projector/evolve-documents';
import { histories, historyOf, HOUR, ISSUED_MS } from '../testing/credential-histories';
import { recorded } from '../testing/projection-spec';
import { statusAt } from './credential-status';

/*
 * On random histories (../testing/credential-histories), the read model (the projection's document,
 * which the status route reads) must judge every (at, asOf) exactly as the domain judges the raw
 * stream, and at (now, now) as the decider's current state does.
 */
const iso = (ms: number) => new Date(ms).toISOString();
const projected = (events: readonly RecordedCredentialEvent[]): CredentialDoc => {
  const given = events.map(({ recordedAt, ...event }) => ({ ...event, metadata: { now: recordedAt } }));
  return evolveDocuments(erase(credentialsProjection), new Map(), recorded(given as never)).get(
    'cred-1',
  ) as CredentialDoc;
};

describe('credential status: the read model and the domain agree on random histories', () => {
  it('answers every (at, asOf) from the projected document as from the raw stream', () => {
    fc.assert(
      fc.property(histories, ({ validFromHours, validForHours, steps, questions }) => {
        const { events } = historyOf({ validFromHours, validForHours, steps });
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
        const { events, state, nowMs } = historyOf({ validFromHours, validForHours, steps });
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
