import Ajv2019 from 'ajv/dist/2019';
import fc from 'fast-check';
import { arbitraryCredential, arbitrarySpecification } from '../testing/arbitraries';
import schema from './fixtures/ob_v3p0_achievementcredential_schema.json';
import { createDocumentLoader } from '../jsonld/document-loader';
import { controllerResolver, inMemoryControllers } from '../jsonld/controller-resolver';
import { signDataIntegrity } from '../signing/data-integrity';
import { achievementInput } from '../testing/fixtures';
import { testIssuer } from '../testing/issuer-fixture';
import { buildAchievementCredential, OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA } from './achievement-credential';
import { DERIVED_CRITERIA_NOTE } from './criteria';

const ajv = new Ajv2019({ strict: false, allErrors: true });
// The schema's two formats, without a package we do not declare.
ajv.addFormat(
  'date-time',
  (value: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
);
ajv.addFormat('date', (value: string) => /^\d{4}-\d\d-\d\d$/.test(value) && !Number.isNaN(Date.parse(value)));
const validate = ajv.compile(schema);
const validateStatus = ajv.getSchema(`${schema.$id}#/$defs/CredentialStatus`)!;

/** The parts of an exported credential these tests reach into. */
type Exported = {
  credentialStatus: object[];
  credentialSubject: {
    achievement: { criteria?: { narrative: string } };
    identifier: Array<{ hashed?: boolean }>;
  };
};

const signedExport = async () => {
  const issuer = await testIssuer('url');
  const { credential } = buildAchievementCredential(achievementInput(issuer.profile));
  const documentLoader = createDocumentLoader(controllerResolver(inMemoryControllers([issuer.controller])));
  return signDataIntegrity(credential, {
    signer: issuer.ed25519.signer,
    verificationMethod: issuer.verificationMethod,
    documentLoader,
    created: '2026-11-21T09:31:00Z',
  });
};

describe('the OB 3.0 AchievementCredential against 1EdTech JSON Schema (2019-09)', () => {
  it('validates, apart from credentialStatus being a set of two entries (OB 3.0 allows one; 1EdTech issue #623)', async () => {
    const signed = await signedExport();

    validate(signed);

    expect(validate.errors?.map((error) => error.instancePath)).toEqual(['/credentialStatus']);
    expect(validate.errors?.[0]?.message).toBe('must be object');
  });

  it('validates completely with a single status entry, and each of the two entries is a valid CredentialStatus', async () => {
    const signed = await signedExport();
    const entries = signed.credentialStatus as object[];

    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(validateStatus(entry)).toBe(true);
      expect(validate({ ...signed, credentialStatus: entry })).toBe(true);
    }
  });

  it('any specification and credential the ledger can hold build a schema-valid credential (one status entry)', () => {
    const status = achievementInput({ id: 'x', name: 'x' }).status.slice(0, 1);

    fc.assert(
      fc.property(arbitrarySpecification, arbitraryCredential, fc.webUrl(), (spec, issued, issuerId) => {
        const built = buildAchievementCredential({
          credential: issued,
          specification: spec,
          issuer: { id: issuerId, name: 'An issuer' },
          status,
        });
        const valid = validate({ ...built.credential, credentialStatus: status[0] });

        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the schema is not a rubber stamp: an Achievement without criteria, or a plain-text learner, fails', async () => {
    const signed = (await signedExport()) as unknown as Exported;
    const withoutCriteria = structuredClone(signed);
    delete withoutCriteria.credentialSubject.achievement.criteria;
    const unhashed = structuredClone(signed);
    delete unhashed.credentialSubject.identifier[0].hashed;

    expect(validate({ ...withoutCriteria, credentialStatus: signed.credentialStatus[0] })).toBe(false);
    expect(validate.errors?.map((error) => error.params)).toContainEqual({ missingProperty: 'criteria' });
    expect(validate({ ...unhashed, credentialStatus: signed.credentialStatus[0] })).toBe(false);
  });
});

describe('buildAchievementCredential', () => {
  const issuer = {
    id: 'http://127.0.0.1:3000/issuers/iss-hu',
    name: 'Hogeschool Utrecht',
    url: 'https://www.hu.nl',
  };

  it('builds the credential the issue lists, field by field', () => {
    const input = achievementInput(issuer);
    const { credential, derivedCriteria } = buildAchievementCredential(input);

    expect(derivedCriteria).toBe(true);
    expect(credential).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      ],
      id: 'urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.id, type: ['Profile'], name: 'Hogeschool Utrecht', url: 'https://www.hu.nl' },
      validFrom: '2026-11-21T00:00:00Z',
      validUntil: '2031-11-21T00:00:00Z',
      awardedDate: '2026-11-21T09:30:00Z',
      name: 'Data literacy for policy makers',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            hashed: true,
            identityHash: input.credential.learner.identityHash,
            identityType: 'emailAddress',
            salt: 'x1y2',
          },
        ],
        achievement: {
          id: input.specification.url,
          type: ['Achievement'],
          achievementType: 'MicroCredential',
          name: 'Data literacy for policy makers',
          description: input.specification.description,
          criteria: { narrative: expect.stringContaining(DERIVED_CRITERIA_NOTE) },
          inLanguage: 'en',
          alignment: [
            {
              type: ['Alignment'],
              targetName: 'EQF level 6',
              targetUrl: 'http://data.europa.eu/snb/eqf/6',
              targetFramework: 'European Qualifications Framework',
              targetCode: '6',
              targetType: 'ext:EQFLevel',
            },
            {
              type: ['Alignment'],
              targetName: 'Use spreadsheet software',
              targetUrl: 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be',
              targetFramework: 'ESCO',
              targetType: 'ext:ESCOSkill',
            },
          ],
          resultDescription: [
            {
              id: `${input.specification.url}#ects`,
              type: ['ResultDescription'],
              name: expect.stringContaining('ECTS'),
              resultType: 'ext:ECTSCredits',
            },
            {
              id: `${input.specification.url}#workload-hours`,
              type: ['ResultDescription'],
              name: 'Notional learning hours',
              resultType: 'ext:NotionalWorkloadHours',
            },
            {
              id: `${input.specification.url}#grade`,
              type: ['ResultDescription'],
              name: 'Grade',
              resultType: 'Result',
            },
          ],
        },
        result: [
          { type: ['Result'], resultDescription: `${input.specification.url}#grade`, value: '8.5' },
          { type: ['Result'], resultDescription: `${input.specification.url}#ects`, value: '5' },
          { type: ['Result'], resultDescription: `${input.specification.url}#workload-hours`, value: '140' },
        ],
      },
      evidence: [{ id: 'https://lms.example.org/submissions/991', type: ['Evidence'] }],
      credentialSchema: [{ id: OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
      credentialStatus: input.status,
    });
    expect(JSON.stringify(credential)).not.toContain('creditsAvailable');
  });

  it('derives the criteria from the outcomes and the assessment type, and says so; uses the issuer’s own when given', () => {
    const input = achievementInput(issuer);
    const derived = buildAchievementCredential(input).credential as unknown as Exported;
    const own = buildAchievementCredential({
      ...input,
      specification: { ...input.specification, criteria: { narrative: 'Pass the **final project**.' } },
    });

    expect(derived.credentialSubject.achievement.criteria?.narrative).toBe(
      [
        'The learner has demonstrated these learning outcomes:',
        '',
        '- Interpret descriptive statistics in policy documents',
        '- Use spreadsheet software',
        '',
        'Assessed by: project.',
        '',
        `_${DERIVED_CRITERIA_NOTE}_`,
      ].join('\n'),
    );
    expect(own.derivedCriteria).toBe(false);
    expect((own.credential as unknown as Exported).credentialSubject.achievement.criteria).toEqual({
      narrative: 'Pass the **final project**.',
    });
  });

  it('leaves out what the inputs do not have: no validUntil, grade, workload, alignment, evidence or status', () => {
    const input = achievementInput(issuer);
    const { credential } = buildAchievementCredential({
      ...input,
      credential: { ...input.credential, validUntil: undefined, grade: undefined, evidence: [] },
      specification: { url: input.specification.url, title: 'Bare', description: 'A bare specification' },
      status: [],
    });

    expect(Object.keys(credential)).not.toEqual(expect.arrayContaining(['validUntil']));
    for (const absent of [
      'validUntil',
      'evidence',
      'credentialStatus',
      '"result"',
      'alignment',
      'resultDescription',
      'inLanguage',
    ]) {
      expect(JSON.stringify(credential)).not.toContain(absent);
    }
  });
});
