import { conflict, invalid, notFound, type CommandMetadata, type Decider } from '../core';
import { sameValue } from '../equality';
import { assertMayActOn, exhaustive, isEqfLevel, requireText } from '../guards';
import { actingQaBody, assertGrantedBy, assertNamesActingBody } from '../qa-body/authority';
import { checkEffectiveAt } from '../lifecycle';
import { instantMs } from '../time';
import type { AccreditIssuer, IssuerCommand, RegisterIssuer } from './commands';
import type { IssuerAccredited, IssuerEvent, IssuerRegistered } from './events';
import { activateKey, reportCompromise } from './keys';
import { evolveIssuer, findAccreditation, initialIssuerState, type IssuerState } from './state';

type Registered = Extract<IssuerState, { status: 'registered' }>;

const registered = (state: IssuerState, issuerId: string, metadata: CommandMetadata): Registered => {
  if (state.status !== 'registered')
    throw notFound('issuer.not-found', `Issuer ${issuerId} is not registered`);
  assertMayActOn(metadata, 'issuer', issuerId, { id: state.issuerId, issuerId: state.issuerId });
  return state;
};

const register = ({ data, metadata }: RegisterIssuer, state: IssuerState): IssuerRegistered[] => {
  requireText(data.legalName, 'issuer.legal-name-required', 'legalName');
  const { issuerId, legalName, country, registrationId } = data;
  const details = { issuerId, legalName, country, registrationId };
  if (state.status === 'unregistered') return [{ type: 'IssuerRegistered', data: details }];
  const { status: _s, accreditations: _a, keys: _k, ...current } = registered(state, issuerId, metadata);
  if (sameValue(current, details)) return [];
  throw conflict('issuer.already-registered', `Issuer ${issuerId} is registered with other details`);
};

const validateAccreditation = ({ scope, validFrom, validUntil }: AccreditIssuer['data']) => {
  if (instantMs(validUntil, 'validUntil') <= instantMs(validFrom, 'validFrom')) {
    throw invalid('issuer.accreditation-period-invalid', 'validUntil must be after validFrom', {
      validFrom,
      validUntil,
    });
  }
  if (scope.eqfLevels !== undefined && (scope.eqfLevels.length === 0 || !scope.eqfLevels.every(isEqfLevel))) {
    throw invalid('issuer.eqf-level-invalid', 'eqfLevels must be integers from 1 to 8', {
      eqfLevels: scope.eqfLevels,
    });
  }
};

const accredit = ({ data, metadata }: AccreditIssuer, state: IssuerState): IssuerAccredited[] => {
  const issuer = registered(state, data.issuerId, metadata);
  const granting = actingQaBody(metadata, data.context.qaBody);
  assertNamesActingBody(data.qaBody, granting);
  validateAccreditation(data);
  const existing = findAccreditation(issuer, data.accreditationId);
  const { issuerId, accreditationId, scope, validFrom, validUntil } = data;
  const { qaBodyId, name: qaBody } = granting;
  const terms = { accreditationId, qaBodyId, qaBody, scope, validFrom, validUntil };
  if (!existing) return [{ type: 'IssuerAccredited', data: { issuerId, ...terms } }];
  const { status: _s, ...granted } = existing;
  if (sameValue(granted, terms)) return [];
  throw conflict(
    'issuer.accreditation-exists',
    `Accreditation ${data.accreditationId} was granted with other terms`,
  );
};

const changeAccreditation = (
  command: Extract<
    IssuerCommand,
    { type: 'SuspendAccreditation' | 'ReinstateAccreditation' | 'WithdrawAccreditation' }
  >,
  state: IssuerState,
): IssuerEvent[] => {
  const { metadata } = command;
  const { issuerId, accreditationId, note } = command.data;
  const accreditation = findAccreditation(registered(state, issuerId, metadata), accreditationId);
  if (!accreditation) {
    throw notFound('issuer.accreditation-not-found', `Accreditation ${accreditationId} is unknown`);
  }
  assertGrantedBy(metadata, accreditation);
  // Checked only for a change that happens: a repeat stays a no-op whatever its effectiveAt.
  const data = () => ({
    issuerId,
    accreditationId,
    note,
    effectiveAt: checkEffectiveAt(command.data.effectiveAt, {
      now: metadata.now,
      validFrom: accreditation.validFrom,
      notBefore: accreditation.status === 'suspended' ? accreditation.effectiveAt : undefined,
      prefix: 'issuer.accreditation',
    }),
  });
  if (accreditation.status === 'withdrawn') {
    if (command.type === 'WithdrawAccreditation') return [];
    throw conflict('issuer.accreditation-withdrawn', `Accreditation ${accreditationId} was withdrawn`);
  }
  if (command.type === 'SuspendAccreditation') {
    return accreditation.status === 'suspended' ? [] : [{ type: 'AccreditationSuspended', data: data() }];
  }
  if (command.type === 'ReinstateAccreditation') {
    return accreditation.status === 'active' ? [] : [{ type: 'AccreditationReinstated', data: data() }];
  }
  return [{ type: 'AccreditationWithdrawn', data: data() }];
};

export const decideIssuer = (command: IssuerCommand, state: IssuerState): IssuerEvent[] => {
  switch (command.type) {
    case 'RegisterIssuer':
      return register(command, state);
    case 'AccreditIssuer':
      return accredit(command, state);
    case 'SuspendAccreditation':
    case 'ReinstateAccreditation':
    case 'WithdrawAccreditation':
      return changeAccreditation(command, state);
    case 'ActivateIssuerKey':
      return activateKey(
        registered(state, command.data.issuerId, command.metadata).keys,
        command.data,
        command.metadata,
      );
    case 'ReportIssuerKeyCompromise':
      return reportCompromise(
        registered(state, command.data.issuerId, command.metadata).keys,
        command.data,
        command.metadata,
      );
    default:
      return exhaustive(command);
  }
};

export const issuerDecider: Decider<IssuerState, IssuerCommand, IssuerEvent> = {
  decide: decideIssuer,
  evolve: evolveIssuer,
  initialState: initialIssuerState,
};
