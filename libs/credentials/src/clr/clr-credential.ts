import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts';
import type { IssuerProfileInput, LearnerIdentityInput } from '../ob3/inputs';
import { issuerProfileSummary } from '../ob3/issuer-profile';
import type { UnsignedCredential } from '../ob3/achievement-credential';

/**
 * The CLR 2.0 context. No installed package holds it, so Credence never expands a CLR as JSON-LD:
 * the CLR is signed in the JOSE form only (docs/verifiable-credentials.md, "The learner record").
 */
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

/** A CLR 2.0 `Association` between two achievements: here a pathway and one of its components. */
export type ClrAssociation = Readonly<{
  type: 'Association';
  associationType: 'isParentOf';
  sourceId: string;
  targetId: string;
}>;

export type ClrInput = Readonly<{
  /** A fresh id per export: each is a new credential about the record as it stands. */
  clrId: string;
  issuer: IssuerProfileInput;
  name: string;
  validFrom: string;
  learner: LearnerIdentityInput;
  /** The learner's signed OB 3.0 credentials, embedded as they were exported. */
  credentials: readonly Record<string, unknown>[];
  /** Stacked credential → component credential, each by its credential `id`. */
  stacks: readonly Readonly<{ stackCredentialId: string; componentCredentialIds: readonly string[] }>[];
  /** True when the reader saw only part of the record (an issuer sees only what it issued). */
  partial: boolean;
}>;

const achievementIdOf = (credential: Record<string, unknown> | undefined): string | undefined => {
  const subject = credential?.credentialSubject as { achievement?: { id?: unknown } } | undefined;
  return typeof subject?.achievement?.id === 'string' ? subject.achievement.id : undefined;
};

/**
 * CLR 2.0 associations link achievements, not credentials: a stack's pathway achievement
 * `isParentOf` each component's achievement. A component missing from the record (another
 * issuer's, for a partial reader) yields no association.
 */
export const clrAssociations = (input: Pick<ClrInput, 'credentials' | 'stacks'>): ClrAssociation[] => {
  const byId = new Map(input.credentials.map((credential) => [credential.id, credential]));
  return input.stacks.flatMap(({ stackCredentialId, componentCredentialIds }) => {
    const sourceId = achievementIdOf(byId.get(stackCredentialId));
    if (!sourceId) return [];
    return componentCredentialIds.flatMap((componentId) => {
      const targetId = achievementIdOf(byId.get(componentId));
      return targetId
        ? [{ type: 'Association' as const, associationType: 'isParentOf' as const, sourceId, targetId }]
        : [];
    });
  });
};

/**
 * An unsigned CLR 2.0 `ClrCredential` over the learner's signed OB 3.0 credentials. Pure: the
 * caller brings the id, the instant and the signed credentials.
 */
export const buildClrCredential = (input: ClrInput): UnsignedCredential => {
  const association = clrAssociations(input);
  const achievements = [
    ...new Map(
      input.credentials.flatMap((credential) => {
        const subject = credential.credentialSubject as { achievement?: { id?: unknown } } | undefined;
        const id = achievementIdOf(credential);
        return id && subject?.achievement ? [[id, subject.achievement] as const] : [];
      }),
    ).values(),
  ];
  return {
    '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${input.clrId}`,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: issuerProfileSummary(input.issuer),
    validFrom: input.validFrom,
    name: input.name,
    partial: input.partial,
    credentialSubject: {
      type: ['ClrSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          hashed: true,
          identityHash: input.learner.identityHash,
          identityType: input.learner.identityType,
          ...(input.learner.salt !== undefined ? { salt: input.learner.salt } : {}),
        },
      ],
      achievement: achievements,
      verifiableCredential: [...input.credentials],
      ...(association.length > 0 ? { association } : {}),
    },
  };
};
