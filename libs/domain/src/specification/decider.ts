import { conflict, invalid, notFound, type Decider } from '../core';
import { sameValue, withoutStatus } from '../equality';
import {
  actingIssuerId,
  assertContextFor,
  assertMayActOn,
  exhaustive,
  isEqfLevel,
  requireText,
} from '../guards';
import { isDuration } from '../time';
import type {
  PublishSpecification,
  RetireSpecification,
  ReviseSpecification,
  SpecificationCommand,
} from './commands';
import type { SpecificationContent, SpecificationEvent, SpecificationPublished } from './events';
import { evolveSpecification, initialSpecificationState, type SpecificationState } from './state';

const isNonNegative = (n: number | undefined) => n === undefined || (Number.isFinite(n) && n >= 0);

/**
 * Only what no ruleset could sensibly allow is checked here; whether Annex I elements are
 * present is the rules engine's call.
 */
const validateContent = (content: SpecificationContent) => {
  requireText(content.title, 'specification.title-required', 'title');
  if (content.eqfLevel !== undefined && !isEqfLevel(content.eqfLevel)) {
    throw invalid('specification.eqf-level-invalid', 'eqfLevel must be an integer from 1 to 8', {
      eqfLevel: content.eqfLevel,
    });
  }
  const { ects, hours } = content.notionalWorkload ?? {};
  if (!isNonNegative(ects) || !isNonNegative(hours)) {
    throw invalid('specification.workload-invalid', 'ECTS and hours cannot be negative', { ects, hours });
  }
  if (content.credentialValidity !== undefined && !isDuration(content.credentialValidity)) {
    throw invalid('specification.validity-invalid', 'credentialValidity must be an ISO 8601 duration', {
      credentialValidity: content.credentialValidity,
    });
  }
};

const publish = (
  { data, metadata }: PublishSpecification,
  state: SpecificationState,
): SpecificationPublished[] => {
  const { context, specificationId, ...content } = data;
  if (state.status !== 'absent') {
    assertMayActOn(metadata, 'specification', specificationId, {
      id: state.specificationId,
      issuerId: state.issuerId,
    });
    if (state.status === 'retired')
      throw conflict('specification.retired', `Specification ${specificationId} is retired`);
    const { version: _v, ...published } = withoutStatus(state);
    if (sameValue(published, { ...content, specificationId, issuerId: state.issuerId })) return [];
    throw conflict(
      'specification.already-published',
      `Specification ${specificationId} is published with other content`,
    );
  }
  const issuerId = actingIssuerId(metadata);
  if (context.issuer.status !== 'registered')
    throw notFound('issuer.not-found', `Issuer ${issuerId} is not registered`);
  assertContextFor('issuer', issuerId, context.issuer.issuerId);
  validateContent(content);
  return [{ type: 'SpecificationPublished', data: { ...content, specificationId, issuerId } }];
};

/**
 * A new version of a live specification, checked like a publication. Repeating the current content
 * is a no-op (a retried revision), so a revision never records the same content twice in a row.
 */
const revise = ({ data, metadata }: ReviseSpecification, state: SpecificationState): SpecificationEvent[] => {
  const { context: _issuer, specificationId, ...content } = data;
  if (state.status === 'absent')
    throw notFound('specification.not-found', `Specification ${specificationId} is unknown`);
  assertMayActOn(metadata, 'specification', specificationId, {
    id: state.specificationId,
    issuerId: state.issuerId,
  });
  if (state.status === 'retired')
    throw conflict('specification.retired', `Specification ${specificationId} is retired`);
  const { issuerId, version } = state;
  const { version: _v, ...current } = withoutStatus(state);
  if (sameValue(current, { ...content, specificationId, issuerId })) return [];
  validateContent(content);
  return [
    { type: 'SpecificationRevised', data: { ...content, specificationId, issuerId, version: version + 1 } },
  ];
};

const retire = ({ data, metadata }: RetireSpecification, state: SpecificationState): SpecificationEvent[] => {
  const { specificationId, note } = data;
  if (state.status === 'absent')
    throw notFound('specification.not-found', `Specification ${specificationId} is unknown`);
  assertMayActOn(metadata, 'specification', specificationId, {
    id: state.specificationId,
    issuerId: state.issuerId,
  });
  if (state.status === 'retired') return [];
  return [
    {
      type: 'SpecificationRetired',
      data: { specificationId, issuerId: state.issuerId, note, retiredAt: metadata.now },
    },
  ];
};

export const decideSpecification = (
  command: SpecificationCommand,
  state: SpecificationState,
): SpecificationEvent[] => {
  switch (command.type) {
    case 'PublishSpecification':
      return publish(command, state);
    case 'ReviseSpecification':
      return revise(command, state);
    case 'RetireSpecification':
      return retire(command, state);
    default:
      return exhaustive(command);
  }
};

export const specificationDecider: Decider<SpecificationState, SpecificationCommand, SpecificationEvent> = {
  decide: decideSpecification,
  evolve: evolveSpecification,
  initialState: initialSpecificationState,
};
