import { OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts';
import { buildAchievement, resultDescriptionId } from './achievement';
import type {
  BitstringStatusListEntry,
  CredentialInput,
  EvidenceInput,
  IssuerProfileInput,
  SpecificationInput,
} from './inputs';
import { issuerProfileSummary } from './issuer-profile';

export const OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export type AchievementCredentialInput = Readonly<{
  credential: CredentialInput;
  specification: SpecificationInput;
  issuer: IssuerProfileInput;
  /** One revocation and one suspension entry, allocated in the issuer's lists. */
  status: readonly BitstringStatusListEntry[];
}>;

export type UnsignedCredential = Record<string, unknown> & { '@context': string[]; id: string };

const evidenceItem = (item: EvidenceInput) =>
  typeof item === 'string' ? { id: item, type: ['Evidence'] } : { ...item, type: ['Evidence'] };

const results = ({ credential, specification: spec }: AchievementCredentialInput) => [
  ...(credential.grade !== undefined
    ? [{ type: ['Result'], resultDescription: resultDescriptionId(spec, 'grade'), value: credential.grade }]
    : []),
  ...(spec.notionalWorkload?.ects !== undefined
    ? [
        {
          type: ['Result'],
          resultDescription: resultDescriptionId(spec, 'ects'),
          value: String(spec.notionalWorkload.ects),
        },
      ]
    : []),
  ...(spec.notionalWorkload?.hours !== undefined
    ? [
        {
          type: ['Result'],
          resultDescription: resultDescriptionId(spec, 'hours'),
          value: String(spec.notionalWorkload.hours),
        },
      ]
    : []),
];

/**
 * The unsigned OB 3.0 AchievementCredential (VC Data Model 2.0) for one issued credential. Pure:
 * the same inputs give the same document, so a signed export can be cached and re-derived.
 */
export const buildAchievementCredential = (
  input: AchievementCredentialInput,
): { credential: UnsignedCredential; derivedCriteria: boolean } => {
  const { credential, specification, issuer, status } = input;
  const { achievement, derivedCriteria } = buildAchievement(specification, {
    hasGrade: credential.grade !== undefined,
  });
  const result = results(input);
  const evidence = (credential.evidence ?? []).map(evidenceItem);
  return {
    derivedCriteria,
    credential: {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT],
      id: `urn:uuid:${credential.credentialId}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: issuerProfileSummary(issuer),
      validFrom: credential.validFrom,
      ...(credential.validUntil ? { validUntil: credential.validUntil } : {}),
      awardedDate: credential.awardedDate,
      name: specification.title,
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            hashed: true,
            identityHash: credential.learner.identityHash,
            identityType: credential.learner.identityType,
            ...(credential.learner.salt !== undefined ? { salt: credential.learner.salt } : {}),
          },
        ],
        achievement,
        ...(result.length > 0 ? { result } : {}),
      },
      ...(evidence.length > 0 ? { evidence } : {}),
      credentialSchema: [{ id: OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
      ...(status.length > 0 ? { credentialStatus: [...status] } : {}),
    },
  };
};
