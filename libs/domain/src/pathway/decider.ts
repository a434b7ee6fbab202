import { conflict, DomainError, invalid, type Decider } from '../core';
import { definedOnly, sameValue, withoutStatus } from '../equality';
import { isDuration } from '../time';
import { actingIssuerId, assertMayActOn, exhaustive, requireText } from '../guards';
import { claimComponents, releaseComponents } from './claims';
import type { PathwayCommand, PublishPathway } from './commands';
import type { PathwayEvent, PathwayPublished } from './events';
import { evolvePathway, initialPathwayState, type PathwayState } from './state';

const duplicatesIn = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

const validateShape = ({
  title,
  components,
  completion,
  minimumEcts,
  stackValidity,
}: PublishPathway['data']) => {
  requireText(title, 'pathway.title-required', 'title');
  if (components.length === 0)
    throw invalid('pathway.components-required', 'A pathway needs at least one component');
  const duplicates = duplicatesIn(components);
  if (duplicates.length > 0) {
    throw invalid('pathway.duplicate-component', 'Each specification may be a component once', {
      duplicates,
    });
  }
  if (
    completion.kind === 'n-of' &&
    !(Number.isInteger(completion.n) && completion.n >= 1 && completion.n <= components.length)
  ) {
    throw invalid('pathway.completion-invalid', `n must be an integer from 1 to ${components.length}`, {
      n: completion.n,
      components: components.length,
    });
  }
  if (!(Number.isFinite(minimumEcts) && minimumEcts >= 0)) {
    throw invalid('pathway.minimum-ects-invalid', 'minimumEcts must be a number >= 0', { minimumEcts });
  }
  if (stackValidity !== undefined && !isDuration(stackValidity)) {
    throw invalid('pathway.stack-validity-invalid', 'stackValidity must be an ISO 8601 duration', {
      stackValidity,
    });
  }
};

/** Components may come from any issuer (cross-institution pathways); each must be live now. */
const assertComponentsLive = ({ components, context }: PublishPathway['data']) => {
  const states = context.components;
  const find = (id: string) => states.find((s) => s.status !== 'absent' && s.specificationId === id);
  const missing = components.filter((id) => !find(id));
  if (missing.length > 0) {
    throw new DomainError(
      'not-found',
      'specification.not-found',
      `Unknown specifications: ${missing.join(', ')}`,
      {
        specificationIds: missing,
      },
    );
  }
  const retired = components.filter((id) => find(id)?.status === 'retired');
  if (retired.length > 0) {
    throw conflict('specification.retired', `Retired specifications: ${retired.join(', ')}`, {
      specificationIds: retired,
    });
  }
};

const publish = ({ data, metadata }: PublishPathway, state: PathwayState): PathwayPublished[] => {
  const { pathwayId, title, components, completion, minimumEcts, stackValidity } = data;
  const definition = { pathwayId, title, components, completion, minimumEcts, stackValidity };
  if (state.status === 'published') {
    assertMayActOn(metadata, 'pathway', pathwayId, { id: state.pathwayId, issuerId: state.issuerId });
    const { claims: _claims, ...published } = withoutStatus(state);
    if (sameValue(published, { ...definition, issuerId: state.issuerId })) return [];
    throw conflict('pathway.already-published', `Pathway ${pathwayId} is published with another definition`);
  }
  const issuerId = actingIssuerId(metadata);
  validateShape(data);
  assertComponentsLive(data);
  return [{ type: 'PathwayPublished', data: definedOnly({ ...definition, issuerId }) }];
};

export const decidePathway = (command: PathwayCommand, state: PathwayState): PathwayEvent[] => {
  switch (command.type) {
    case 'PublishPathway':
      return publish(command, state);
    case 'ClaimStackComponents':
      return claimComponents(command, state);
    case 'ReleaseStackComponents':
      return releaseComponents(command, state);
    default:
      return exhaustive(command);
  }
};

export const pathwayDecider: Decider<PathwayState, PathwayCommand, PathwayEvent> = {
  decide: decidePathway,
  evolve: evolvePathway,
  initialState: initialPathwayState,
};
