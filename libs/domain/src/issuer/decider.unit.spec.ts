import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { fold } from '../core';
import { qaBodyDecider } from '../qa-body/decider';
import {
  actingAs,
  actingForQaBody,
  issuerAccredited,
  issuerRegistered,
  OTHER_ISSUER,
  OTHER_QA_BODY,
  QA_BODY,
  qaBodyRegistered,
} from '../test-fixtures';
import type { AccreditIssuer, IssuerCommand } from './commands';
import { issuerDecider } from './decider';

const given = DeciderSpecification.for(issuerDecider);
const command = commandsFor<IssuerCommand>(actingForQaBody());
const registered = issuerRegistered();
const accredited = issuerAccredited();
const nvao = fold(qaBodyDecider, [qaBodyRegistered()]);
const { qaBodyId: _id, qaBody: _name, ...terms } = accredited.data;
const accreditWith = (change: Partial<AccreditIssuer['data']> = {}, metadata = {}) =>
  command('AccreditIssuer', { ...terms, context: { qaBody: nvao }, ...change }, metadata);
const accredit = accreditWith();
const register = command('RegisterIssuer', registered.data, actingAs());
const ref = { issuerId: 'uni-1', accreditationId: 'acc-1', note: 'QA visit' };
/** As recorded: effective when recorded, unless the command says otherwise. */
const now = { ...ref, effectiveAt: FIXED_NOW };
const suspended = { type: 'AccreditationSuspended', data: now } as const;
const reinstated = { type: 'AccreditationReinstated', data: now } as const;
const withdrawn = { type: 'AccreditationWithdrawn', data: now } as const;
const otherBody = actingForQaBody(OTHER_QA_BODY);

describe('Issuer decider', () => {
  describe('RegisterIssuer', () => {
    it('registers a new issuer', () => given([]).when(register).then([registered]));
    it('is a no-op when registered with the same details', () =>
      given([registered]).when(register).thenNothing());
    it('refuses other details for a registered issuer', () =>
      given([registered])
        .when(command('RegisterIssuer', { ...registered.data, legalName: 'Renamed' }, actingAs()))
        .thenThrows('issuer.already-registered', 'conflict'));
    it('refuses an empty legal name', () =>
      given([])
        .when(command('RegisterIssuer', { ...registered.data, legalName: ' ' }))
        .thenThrows('issuer.legal-name-required', 'invalid'));
  });

  describe('AccreditIssuer', () => {
    it("accredits in the name of the principal's QA body, by id and name", () =>
      given([registered]).when(accredit).then([accredited]));
    it('accepts a qaBody in the request that names the same body', () => {
      given([registered])
        .when(accreditWith({ qaBody: 'NVAO' }))
        .then([accredited]);
      given([registered])
        .when(accreditWith({ qaBody: QA_BODY }))
        .then([accredited]);
    });
    it('refuses a qaBody in the request naming another body (finding 5)', () =>
      given([registered])
        .when(accreditWith({ qaBody: 'AQAS' }))
        .thenThrows('qa-body.not-acting-body', 'invalid'));
    it('refuses a principal bound to no QA body (finding 5)', () =>
      given([registered])
        .when(accreditWith({}, { principal: { id: 'qa-x', role: 'qa-body' } }))
        .thenThrows('qa-body.binding-required', 'forbidden'));
    it('refuses an issuer principal, even on its own stream', () =>
      given([registered])
        .when(accreditWith({}, actingAs()))
        .thenThrows('qa-body.binding-required', 'forbidden'));
    it('refuses an unregistered QA body', () =>
      given([registered])
        .when(accreditWith({ context: { qaBody: { status: 'unregistered' } } }))
        .thenThrows('qa-body.not-found', 'not-found'));
    it('refuses an unregistered issuer', () =>
      given([]).when(accredit).thenThrows('issuer.not-found', 'not-found'));
    it('is a no-op for the same accreditation', () =>
      given([registered, accredited]).when(accredit).thenNothing());
    it('refuses the same accreditation id with other terms', () =>
      given([registered, accredited])
        .when(accreditWith({ validUntil: '2031-01-01T00:00:00Z' }))
        .thenThrows('issuer.accreditation-exists', 'conflict'));
    it.each([
      ['ends before it starts', { validUntil: '2023-01-01T00:00:00Z' }],
      ['ends when it starts', { validUntil: '2024-01-01T00:00:00Z' }],
    ])('refuses a period that %s', (_, change) =>
      given([registered])
        .when(accreditWith(change))
        .thenThrows('issuer.accreditation-period-invalid', 'invalid'),
    );
    it('refuses a malformed instant', () =>
      given([registered])
        .when(accreditWith({ validFrom: 'yesterday' }))
        .thenThrows('time.invalid-instant', 'invalid'));
    it.each([[[0]], [[9]], [[5.5]], [[]]])('refuses EQF levels %j', (eqfLevels) =>
      given([registered])
        .when(accreditWith({ scope: { eqfLevels } }))
        .thenThrows('issuer.eqf-level-invalid', 'invalid'),
    );
    it('accepts a scope without eqfLevels: all levels (finding 7)', () =>
      given([registered])
        .when(accreditWith({ scope: {} }))
        .then([{ ...accredited, data: { ...accredited.data, scope: {} } }]));
    it("forbids an issuer principal acting on another issuer's stream", () =>
      given([registered])
        .when(accreditWith({}, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
  });

  describe('SuspendAccreditation', () => {
    const suspend = command('SuspendAccreditation', ref);
    it('suspends an active accreditation', () =>
      given([registered, accredited]).when(suspend).then([suspended]));
    it('is a no-op when already suspended', () =>
      given([registered, accredited, suspended]).when(suspend).thenNothing());
    it('refuses a withdrawn accreditation', () =>
      given([registered, accredited, withdrawn])
        .when(suspend)
        .thenThrows('issuer.accreditation-withdrawn', 'conflict'));
    it('refuses an unknown accreditation', () =>
      given([registered]).when(suspend).thenThrows('issuer.accreditation-not-found', 'not-found'));
    it('refuses an unregistered issuer', () =>
      given([]).when(suspend).thenThrows('issuer.not-found', 'not-found'));
    it('forbids a QA body that did not grant it (finding 5)', () =>
      given([registered, accredited])
        .when(command('SuspendAccreditation', ref, otherBody))
        .thenThrows('qa-body.not-granting', 'forbidden', { grantedBy: QA_BODY }));
  });

  describe('ReinstateAccreditation (finding 4)', () => {
    const reinstate = command('ReinstateAccreditation', ref);
    it('lifts a suspension', () =>
      given([registered, accredited, suspended]).when(reinstate).then([reinstated]));
    it('is a no-op on an active accreditation', () =>
      given([registered, accredited]).when(reinstate).thenNothing());
    it('refuses a withdrawn accreditation', () =>
      given([registered, accredited, suspended, withdrawn])
        .when(reinstate)
        .thenThrows('issuer.accreditation-withdrawn', 'conflict'));
    it('forbids a QA body that did not grant it', () =>
      given([registered, accredited, suspended])
        .when(command('ReinstateAccreditation', ref, otherBody))
        .thenThrows('qa-body.not-granting', 'forbidden'));
  });

  describe('WithdrawAccreditation', () => {
    const withdraw = command('WithdrawAccreditation', ref);
    it('withdraws an active accreditation', () =>
      given([registered, accredited]).when(withdraw).then([withdrawn]));
    it('withdraws a suspended accreditation', () =>
      given([registered, accredited, suspended]).when(withdraw).then([withdrawn]));
    it('is a no-op when already withdrawn', () =>
      given([registered, accredited, withdrawn]).when(withdraw).thenNothing());
    it('refuses an unknown accreditation', () =>
      given([registered]).when(withdraw).thenThrows('issuer.accreditation-not-found', 'not-found'));
    it('forbids a QA body that did not grant it (finding 5)', () =>
      given([registered, accredited])
        .when(command('WithdrawAccreditation', ref, otherBody))
        .thenThrows('qa-body.not-granting', 'forbidden'));
  });

  describe('effective dates of accreditation changes', () => {
    const backdated = { ...ref, effectiveAt: '2025-03-01T00:00:00Z' };
    it('records a withdrawal effective earlier than its recording', () =>
      given([registered, accredited])
        .when(command('WithdrawAccreditation', backdated))
        .then([{ type: 'AccreditationWithdrawn', data: backdated }]));
    it('refuses an effectiveAt in the future, naming the field', () =>
      given([registered, accredited])
        .when(command('SuspendAccreditation', { ...ref, effectiveAt: '2025-06-02T00:00:00Z' }))
        .thenThrows('issuer.accreditation.effective-in-future', 'invalid'));
    it("refuses an effectiveAt before the accreditation's validFrom", () =>
      given([registered, accredited])
        .when(command('WithdrawAccreditation', { ...ref, effectiveAt: '2023-12-31T00:00:00Z' }))
        .thenThrows('issuer.accreditation.effective-before-valid-from', 'invalid'));
    it('refuses a reinstatement effective before its suspension', () =>
      given([registered, accredited, { type: 'AccreditationSuspended', data: backdated }])
        .when(command('ReinstateAccreditation', { ...ref, effectiveAt: '2025-02-01T00:00:00Z' }))
        .thenThrows('issuer.accreditation.reinstated-before-suspended', 'invalid'));
  });
});
