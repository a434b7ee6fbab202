import fc from 'fast-check';
import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { fold } from '../core';
import { issuerDecider } from '../issuer/decider';
import { actingAs, issuerRegistered, OTHER_ISSUER, specificationPublished } from '../test-fixtures';
import type { SpecificationCommand } from './commands';
import type { SpecificationEvent } from './events';
import { specificationDecider } from './decider';

const given = DeciderSpecification.for(specificationDecider);
const command = commandsFor<SpecificationCommand>(actingAs());
const issuer = fold(issuerDecider, [issuerRegistered()]);
const published = specificationPublished({ credentialValidity: 'P5Y' });
const { issuerId: _issuerId, ...content } = published.data;
const publish = (change: Partial<typeof content> = {}, metadata = {}) =>
  command('PublishSpecification', { ...content, ...change, context: { issuer } }, metadata);
const retire = command('RetireSpecification', { specificationId: 'spec-1', note: 'superseded by v2' });
const retired = {
  type: 'SpecificationRetired',
  data: { specificationId: 'spec-1', issuerId: 'uni-1', note: 'superseded by v2', retiredAt: FIXED_NOW },
} as const;

describe('Specification decider', () => {
  describe('PublishSpecification', () => {
    it('publishes for the acting issuer', () => given([]).when(publish()).then([published]));
    it('publishes an incomplete spec: Annex I completeness is for the rules engine', () =>
      given([])
        .when(
          command('PublishSpecification', { specificationId: 'spec-1', title: 'Bare', context: { issuer } }),
        )
        .then([
          {
            type: 'SpecificationPublished',
            data: { specificationId: 'spec-1', title: 'Bare', issuerId: 'uni-1' },
          },
        ]));
    it('is a no-op when republished with identical content', () =>
      given([published]).when(publish()).thenNothing());
    it('refuses other content for a published spec', () =>
      given([published])
        .when(publish({ title: 'Renamed' }))
        .thenThrows('specification.already-published', 'conflict'));
    it('refuses to republish a retired spec', () =>
      given([published, retired]).when(publish()).thenThrows('specification.retired', 'conflict'));
    it('refuses an unregistered issuer', () =>
      given([])
        .when(
          command('PublishSpecification', { ...content, context: { issuer: { status: 'unregistered' } } }),
        )
        .thenThrows('issuer.not-found', 'not-found'));
    it('refuses a command with no acting issuer', () =>
      given([])
        .when(publish({}, { issuerId: undefined }))
        .thenThrows('command.issuer-required', 'invalid'));
    it('refuses issuer context for another issuer', () =>
      given([])
        .when(publish({}, { principal: { id: 'admin', role: 'admin' }, issuerId: OTHER_ISSUER }))
        .thenThrows('command.context-mismatch', 'invalid'));
    it.each([
      ['an empty title', { title: '' }, 'specification.title-required'],
      ['EQF level 9', { eqfLevel: 9 }, 'specification.eqf-level-invalid'],
      ['negative ECTS', { notionalWorkload: { ects: -1 } }, 'specification.workload-invalid'],
      ['a validity that is no duration', { credentialValidity: '5 years' }, 'specification.validity-invalid'],
    ])('refuses %s', (_, change, code) => given([]).when(publish(change)).thenThrows(code, 'invalid'));
    it('forbids an issuer principal acting for another issuer', () =>
      given([])
        .when(publish({}, { principal: actingAs(OTHER_ISSUER).principal }))
        .thenThrows('issuer.not-owner', 'forbidden'));
    it("forbids republishing another issuer's spec", () =>
      given([published])
        .when(publish({}, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
  });

  describe('ReviseSpecification', () => {
    const revise = (change: Partial<typeof content> = {}, metadata = {}) =>
      command('ReviseSpecification', { ...content, ...change, context: { issuer } }, metadata);
    const revised = (version: number, change: Partial<typeof content> = {}) =>
      ({
        type: 'SpecificationRevised',
        data: { ...published.data, ...change, version },
      }) as const;

    it('records the full content of the next version', () => {
      given([published])
        .when(revise({ title: 'Data Literacy II' }))
        .then([revised(2, { title: 'Data Literacy II' })]);
      given([published, revised(2, { title: 'Data Literacy II' })])
        .when(revise({ title: 'Data Literacy III' }))
        .then([revised(3, { title: 'Data Literacy III' })]);
    });
    it('replaces the content whole: what the revision leaves out is gone', () => {
      const { credentialValidity: _v, ...withoutValidity } = content;
      given([published])
        .when(command('ReviseSpecification', { ...withoutValidity, context: { issuer } }))
        .then([
          { type: 'SpecificationRevised', data: { ...withoutValidity, issuerId: 'uni-1', version: 2 } },
        ]);
    });
    it('is a no-op when the content is the current version’s (a repeat)', () => {
      given([published]).when(revise()).thenNothing();
      given([published, revised(2, { title: 'II' })])
        .when(revise({ title: 'II' }))
        .thenNothing();
    });
    it('checks the content as a publication does', () =>
      given([published])
        .when(revise({ eqfLevel: 9 }))
        .thenThrows('specification.eqf-level-invalid', 'invalid'));
    it('refuses a retired or unknown spec', () => {
      given([published, retired])
        .when(revise({ title: 'II' }))
        .thenThrows('specification.retired', 'conflict');
      given([]).when(revise()).thenThrows('specification.not-found', 'not-found');
    });
    it('numbers versions consecutively, one per change of content, whatever the sequence of revisions', () =>
      fc.assert(
        fc.property(fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: 12 }), (titles) => {
          let events: SpecificationEvent[] = [published];
          for (const title of titles) {
            const state = fold(specificationDecider, events);
            events = [...events, ...specificationDecider.decide(revise({ title }), state)];
          }
          const versions = events
            .slice(1)
            .map((e) => (e.type === 'SpecificationRevised' ? e.data.version : 0));
          const changes = titles.filter((t, i) => t !== (i === 0 ? published.data.title : titles[i - 1]));
          expect(versions).toEqual(changes.map((_, i) => i + 2));
          const final = fold(specificationDecider, events);
          expect(final.status === 'published' && [final.version, final.title]).toEqual([
            versions.length + 1,
            titles.at(-1) ?? published.data.title,
          ]);
        }),
      ));
    it("forbids revising another issuer's spec", () =>
      given([published])
        .when(revise({ title: 'II' }, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
  });

  describe('RetireSpecification', () => {
    it('retires a published spec', () => given([published]).when(retire).then([retired]));
    it('is a no-op when already retired', () => given([published, retired]).when(retire).thenNothing());
    it('refuses an unknown spec', () =>
      given([]).when(retire).thenThrows('specification.not-found', 'not-found'));
    it("forbids retiring another issuer's spec", () =>
      given([published])
        .when(command('RetireSpecification', { specificationId: 'spec-1' }, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
  });
});
