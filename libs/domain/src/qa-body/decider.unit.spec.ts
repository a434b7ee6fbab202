import { commandsFor, DeciderSpecification } from '@credence/testing';
import { qaBodyRegistered } from '../test-fixtures';
import type { QaBodyCommand } from './commands';
import { qaBodyDecider } from './decider';

const given = DeciderSpecification.for(qaBodyDecider);
const command = commandsFor<QaBodyCommand>({ principal: { id: 'admin', role: 'admin' } });
const registered = qaBodyRegistered();
const register = command('RegisterQaBody', registered.data);

describe('QA body decider', () => {
  it('registers a QA body', () => given([]).when(register).then([registered]));
  it('records the EQAR id when given', () =>
    given([])
      .when(command('RegisterQaBody', { ...registered.data, eqarId: 'A12' }))
      .then([{ type: 'QaBodyRegistered', data: { ...registered.data, eqarId: 'A12' } }]));
  it('is a no-op when registered again with the same details', () =>
    given([registered]).when(register).thenNothing());
  it('refuses other details for a registered QA body', () =>
    given([registered])
      .when(command('RegisterQaBody', { ...registered.data, name: 'Other' }))
      .thenThrows('qa-body.already-registered', 'conflict'));
  it('refuses an empty name', () =>
    given([])
      .when(command('RegisterQaBody', { ...registered.data, name: ' ' }))
      .thenThrows('qa-body.name-required', 'invalid'));
});
