import { commandsFor, DeciderSpecification } from '@credence/testing';
import { actingAs, issuerAccredited, issuerRegistered, OTHER_ISSUER } from '../test-fixtures';
import type { IssuerCommand } from './commands';
import { issuerDecider } from './decider';

const given = DeciderSpecification.for(issuerDecider);
const command = commandsFor<IssuerCommand>();
const registered = issuerRegistered();
const accredited = issuerAccredited();
const register = command('RegisterIssuer', registered.data);
const accredit = command('AccreditIssuer', accredited.data);
const ref = { issuerId: 'uni-1', accreditationId: 'acc-1', note: 'QA visit' };
const suspended = { type: 'AccreditationSuspended', data: ref } as const;
const withdrawn = { type: 'AccreditationWithdrawn', data: ref } as const;

describe('Issuer decider', () => {
  describe('RegisterIssuer', () => {
    it('registers a new issuer', () => given([]).when(register).then([registered]));
    it('is a no-op when registered with the same details', () =>
      given([registered]).when(register).thenNothing());
    it('refuses other details for a registered issuer', () =>
      given([registered])
        .when(command('RegisterIssuer', { ...registered.data, legalName: 'Renamed' }))
        .thenThrows('issuer.already-registered', 'conflict'));
    it('refuses an empty legal name', () =>
      given([])
        .when(command('RegisterIssuer', { ...registered.data, legalName: ' ' }))
        .thenThrows('issuer.legal-name-required', 'invalid'));
  });

  describe('AccreditIssuer', () => {
    it('accredits a registered issuer', () => given([registered]).when(accredit).then([accredited]));
    it('refuses an unregistered issuer', () =>
      given([]).when(accredit).thenThrows('issuer.not-found', 'not-found'));
    it('is a no-op for the same accreditation', () =>
      given([registered, accredited]).when(accredit).thenNothing());
    it('refuses the same accreditation id with other terms', () =>
      given([registered, accredited])
        .when(command('AccreditIssuer', { ...accredited.data, validUntil: '2031-01-01T00:00:00Z' }))
        .thenThrows('issuer.accreditation-exists', 'conflict'));
    it.each([
      ['ends before it starts', { validUntil: '2023-01-01T00:00:00Z' }],
      ['ends when it starts', { validUntil: '2024-01-01T00:00:00Z' }],
    ])('refuses a period that %s', (_, change) =>
      given([registered])
        .when(command('AccreditIssuer', { ...accredited.data, ...change }))
        .thenThrows('issuer.accreditation-period-invalid', 'invalid'),
    );
    it('refuses a malformed instant', () =>
      given([registered])
        .when(command('AccreditIssuer', { ...accredited.data, validFrom: 'yesterday' }))
        .thenThrows('time.invalid-instant', 'invalid'));
    it.each([[[0]], [[9]], [[5.5]], [[]]])('refuses EQF levels %j', (eqfLevels) =>
      given([registered])
        .when(command('AccreditIssuer', { ...accredited.data, scope: { eqfLevels } }))
        .thenThrows('issuer.eqf-level-invalid', 'invalid'),
    );
    it('lets an issuer principal act on its own stream', () =>
      given([registered])
        .when(command('AccreditIssuer', accredited.data, actingAs()))
        .then([accredited]));
    it("forbids an issuer principal acting on another issuer's stream", () =>
      given([registered])
        .when(command('AccreditIssuer', accredited.data, actingAs(OTHER_ISSUER)))
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
  });
});
