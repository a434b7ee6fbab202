import type { CredenceEvent, CredenceEventType, EventMetadata } from '@credence/domain';
import { sequencePosition } from '@credence/event-store';
import type { ProjectedEvent } from '../events';
import { type Columns, erase, type Projection } from '../projection';
import { evolveDocuments } from '../projector/evolve-documents';

export const SPEC_NOW = '2026-03-01T09:00:00.000Z';

/** A domain event, optionally with the metadata it was recorded with (defaults fill the rest). */
export type GivenEvent = CredenceEvent & Readonly<{ metadata?: Partial<EventMetadata> }>;

export const specMetadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  commandId: `cmd-${Math.random().toString(36).slice(2)}`,
  principal: { id: 'clerk-1', role: 'issuer', issuerId: 'uni-1' },
  issuerId: 'uni-1',
  now: SPEC_NOW,
  correlationId: 'corr-1',
  causationId: 'cause-1',
  ruleset: { id: 'eu-microcredentials', version: '2022', hash: 'a'.repeat(64) },
  ...overrides,
});

/** Envelopes as the store would record them, at global positions 1, 2, 3… */
export const recorded = (events: readonly GivenEvent[], firstPosition = 1): ProjectedEvent[] =>
  events.map(({ type, data, metadata }, i) => {
    const id = (data as { credentialId?: string; issuerId?: string }).credentialId ?? 'stream';
    return {
      eventId: `event-${firstPosition + i}`,
      streamId: `stream-${id}`,
      streamVersion: i,
      globalPosition: sequencePosition(firstPosition + i),
      type,
      schemaVersion: 1,
      data,
      metadata: specMetadata(metadata),
      prevHash: null,
      hash: 'h'.repeat(64),
    } as ProjectedEvent;
  });

/**
 * Given/when/then for projections (after Emmett's ProjectionSpec): events in, documents out.
 *   given([issued]).when([revoked]).thenDocuments({ 'cred-1': { status: 'revoked', … } })
 * `thenDocuments` checks the named documents exactly (null = no such document), `thenColumns` one row's columns.
 */
export const ProjectionSpecification = {
  for<Doc, T extends CredenceEventType, C extends Columns>(projection: Projection<Doc, T, C>) {
    const erased = erase(projection);
    return (given: readonly GivenEvent[]) => ({
      when(whenEvents: readonly GivenEvent[]) {
        const all = recorded([...given, ...whenEvents]);
        const before = evolveDocuments(erased, new Map(), all.slice(0, given.length));
        const docs = new Map([...before, ...evolveDocuments(erased, before, all.slice(given.length))]);
        const doc = (id: string) => (docs.get(id) ?? null) as Doc | null;
        return {
          thenDocuments(expected: Readonly<Record<string, Doc | null>>) {
            for (const [id, value] of Object.entries(expected))
              expect({ id, doc: doc(id) }).toEqual({ id, doc: value });
          },
          thenMatch(id: string, expected: Partial<Record<keyof Doc, unknown>>) {
            expect(doc(id)).toMatchObject(expected);
          },
          thenColumns(id: string, expected: Partial<C>) {
            const found = doc(id);
            expect(found).not.toBeNull();
            expect(projection.columns(found as Doc)).toMatchObject(expected);
          },
          thenIds(expected: readonly string[]) {
            expect(
              [...docs.entries()]
                .filter(([, d]) => d !== null)
                .map(([id]) => id)
                .sort(),
            ).toEqual([...expected].sort());
          },
        };
      },
    });
  },
};
