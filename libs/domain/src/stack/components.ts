import { conflict, DomainError, invalid } from '../core';
import { credentialStatusAt, type CredentialState, type IssuedCredentialState } from '../credential/state';
import type { PathwayState } from '../pathway/state';

type Pathway = Extract<PathwayState, { status: 'published' }>;

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

/** The components together: the completion rule, then the ECTS floor. Returns the total ECTS. */
export const assertPathwayComplete = (
  components: readonly IssuedCredentialState[],
  pathway: Pathway,
): number => {
  const covered = components.map((c) => c.specificationId);
  const required = pathway.completion.kind === 'all-of' ? pathway.components.length : pathway.completion.n;
  if (covered.length < required) {
    throw conflict('stack.completion-unmet', `Pathway ${pathway.pathwayId} needs ${required} components`, {
      completion: pathway.completion,
      required,
      covered,
      missing: pathway.components.filter((id) => !covered.includes(id)),
    });
  }
  const totalEcts = components.reduce((sum, c) => sum + (c.ects ?? 0), 0);
  if (totalEcts < pathway.minimumEcts) {
    throw conflict(
      'stack.ects-below-minimum',
      `${totalEcts} ECTS is below the pathway's ${pathway.minimumEcts}`,
      {
        totalEcts,
        minimumEcts: pathway.minimumEcts,
      },
    );
  }
  return totalEcts;
};
