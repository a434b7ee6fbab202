import { conflict, DomainError, invalid } from '../core';
import { credentialStatusAt, type CredentialState, type IssuedCredentialState } from '../credential/state';
import type { PathwayState } from '../pathway/state';
import { addDuration, instantMs } from '../time';

export type Pathway = Extract<PathwayState, { status: 'published' }>;

const duplicatesIn = (ids: readonly string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/** The listed credentials' states, in listed order; every one must exist and be listed once. */
export const resolveComponents = (
  ids: readonly string[],
  states: readonly CredentialState[],
): IssuedCredentialState[] => {
  if (ids.length === 0) throw invalid('stack.components-required', 'List at least one component credential');
  const duplicates = duplicatesIn(ids);
  if (duplicates.length > 0) {
    throw invalid('stack.duplicate-component', 'Each credential may be listed once', {
      credentialIds: duplicates,
    });
  }
  const issued = states.filter((s): s is IssuedCredentialState => s.status !== 'absent');
  const found = ids.map((id) => issued.find((s) => s.credentialId === id));
  const missing = ids.filter((_, i) => found[i] === undefined);
  if (missing.length > 0) {
    throw new DomainError('not-found', 'credential.not-found', `Unknown credentials: ${missing.join(', ')}`, {
      credentialIds: missing,
    });
  }
  return found as IssuedCredentialState[];
};

const refuseIf = (
  failing: readonly unknown[],
  code: string,
  message: string,
  details: Record<string, unknown>,
) => {
  if (failing.length > 0) throw conflict(code, message, details);
};

/** Each component on its own: valid now, the learner's, and part of the pathway. */
export const assertComponentsQualify = (
  components: readonly IssuedCredentialState[],
  pathway: Pathway,
  learnerId: string,
  now: string,
): void => {
  const inactive = components
    .map((c) => ({ credentialId: c.credentialId, ...credentialStatusAt(c, now) }))
    .filter((c) => c.status !== 'active');
  refuseIf(inactive, 'stack.component-inactive', 'Every component must be active now', {
    components: inactive,
  });
  const otherLearner = components.filter((c) => c.learner.id !== learnerId).map((c) => c.credentialId);
  refuseIf(otherLearner, 'stack.learner-mismatch', `Every component must be held by ${learnerId}`, {
    learnerId,
    credentialIds: otherLearner,
  });
  const outside = components
    .filter((c) => !pathway.components.includes(c.specificationId))
    .map((c) => c.credentialId);
  refuseIf(outside, 'stack.component-not-in-pathway', `Components outside pathway ${pathway.pathwayId}`, {
    credentialIds: outside,
  });
  const repeated = duplicatesIn(components.map((c) => c.specificationId));
  refuseIf(repeated, 'stack.duplicate-specification', 'Two components attest the same specification', {
    specificationIds: repeated,
  });
};

/** A component that states no ECTS (hours only) counts 0. */
const ectsOf = (components: readonly IssuedCredentialState[]) =>
  components.reduce((sum, c) => sum + (c.ects ?? 0), 0);

const earliest = (instants: readonly string[]): string | undefined =>
  instants.reduce<string | undefined>(
    (first, at) => (first === undefined || instantMs(at) < instantMs(first) ? at : first),
    undefined,
  );

/**
 * What a set of components gives a stack: their ECTS (a component that states hours only, or no
 * workload, counts 0) and its `validUntil`: the components' earliest (the stack ends when its first
 * component does), unless the pathway sets a `stackValidity` from the award.
 */
export const backing = (
  components: readonly IssuedCredentialState[],
  validity: Readonly<{ pathway: Pathway; awardedAt: string }>,
) => {
  const { pathway, awardedAt } = validity;
  const validUntil =
    pathway.stackValidity !== undefined
      ? addDuration(awardedAt, pathway.stackValidity)
      : earliest(components.flatMap((c) => (c.validUntil === undefined ? [] : [c.validUntil])));
  return {
    componentCredentialIds: components.map((c) => c.credentialId),
    totalEcts: ectsOf(components),
    ...(validUntil !== undefined ? { validUntil } : {}),
  };
};

export type PathwayShortfall =
  | Readonly<{ code: 'stack.completion-unmet'; required: number; covered: readonly string[] }>
  | Readonly<{ code: 'stack.ects-below-minimum'; totalEcts: number; minimumEcts: number }>;

/** Why these components do not complete the pathway (the completion rule, then the ECTS floor), or null. */
export const pathwayShortfall = (
  components: readonly IssuedCredentialState[],
  pathway: Pathway,
): PathwayShortfall | null => {
  const covered = components.map((c) => c.specificationId);
  const required = pathway.completion.kind === 'all-of' ? pathway.components.length : pathway.completion.n;
  if (covered.length < required) return { code: 'stack.completion-unmet', required, covered };
  const totalEcts = ectsOf(components);
  if (totalEcts < pathway.minimumEcts) {
    return { code: 'stack.ects-below-minimum', totalEcts, minimumEcts: pathway.minimumEcts };
  }
  return null;
};

/** The components together complete the pathway, or the award is refused naming what is short. */
export const assertPathwayComplete = (
  components: readonly IssuedCredentialState[],
  pathway: Pathway,
): void => {
  const shortfall = pathwayShortfall(components, pathway);
  if (shortfall?.code === 'stack.completion-unmet') {
    const { required, covered } = shortfall;
    throw conflict(shortfall.code, `Pathway ${pathway.pathwayId} needs ${required} components`, {
      completion: pathway.completion,
      required,
      covered,
      missing: pathway.components.filter((id) => !covered.includes(id)),
    });
  }
  if (shortfall?.code === 'stack.ects-below-minimum') {
    const { totalEcts, minimumEcts } = shortfall;
    throw conflict(shortfall.code, `${totalEcts} ECTS is below the pathway's ${minimumEcts}`, {
      totalEcts,
      minimumEcts,
      ...zeroEctsNote(components),
    });
  }
};

/** Names the components counted as 0 ECTS, so a refusal or an award says why they add nothing. */
export const zeroEctsNote = (components: readonly IssuedCredentialState[]) => {
  const ids = components.filter((c) => c.ects === undefined).map((c) => c.credentialId);
  return ids.length > 0 ? { zeroEctsComponentIds: ids } : {};
};
