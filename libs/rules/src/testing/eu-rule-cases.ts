import { REVOCATION_REASONS } from '@credence/domain';
import type { CredenceCommandType as CommandType } from '@credence/domain';
import { daysBeforeNow, type FactsDraft } from './baseline-facts';

export type Version = '2022' | '2026';

/** One change to the baseline facts; `only` limits it to the versions where it has that effect. */
export type Example = Readonly<{ name: string; change: (facts: FactsDraft) => void; only?: Version }>;

export type RuleCase = Readonly<{
  rule: string;
  command: CommandType;
  severity: 'block' | 'warn' | Readonly<Record<Version, 'block' | 'warn'>>;
  /** Beyond the untouched baseline, which always passes. */
  passes: readonly Example[];
  fails: readonly Example[];
}>;

const example = (name: string, change: (facts: FactsDraft) => void, only?: Version): Example => ({
  name,
  change,
  only,
});

const retiredDaysAgo = (days: number) => (f: FactsDraft) => {
  f.specification.status = 'retired';
  f.specification.retiredAt = daysBeforeNow(days);
};

const blankText = (
  rule: string,
  field: 'typeOfAssessment' | 'formOfParticipation' | 'typeOfQualityAssurance',
) => ({
  rule,
  command: 'PublishSpecification' as const,
  severity: 'block' as const,
  passes: [],
  fails: [
    example('blank', (f) => void (f.specification[field] = '  ')),
    example('absent', (f) => void delete (f.specification as Partial<FactsDraft['specification']>)[field]),
  ],
});

const accreditationCase = (rule: string, command: CommandType): RuleCase => ({
  rule,
  command,
  severity: 'block',
  passes: [
    example('no EQF level, an accreditation for all levels (eqfLevels omitted)', (f) => {
      f.specification.eqfLevel = 0;
      f.issuer.accreditations[0].eqfLevels = [];
    }),
    example('an accreditation for all levels covers any level', (f) => {
      f.specification.eqfLevel = 8;
      f.issuer.accreditations[0].eqfLevels = [];
    }),
    example('field of study covered by an ISCED-F prefix', (f) => {
      f.issuer.accreditations[0].fieldsOfStudy = ['04', '09'];
      f.specification.fieldOfStudy = '0421';
    }),
    example('one of several accreditations fits', (f) => {
      f.issuer.accreditations.unshift({ ...f.issuer.accreditations[0], id: 'old', status: 'withdrawn' });
    }),
  ],
  fails: [
    example('no accreditation', (f) => void (f.issuer.accreditations = [])),
    example('accreditation suspended', (f) => void (f.issuer.accreditations[0].status = 'suspended')),
    example('accreditation expired', (f) => void (f.issuer.accreditations[0].validUntil = daysBeforeNow(1))),
    example(
      'accreditation not yet valid',
      (f) => void (f.issuer.accreditations[0].validFrom = daysBeforeNow(-1)),
    ),
    example('EQF level outside scope', (f) => void (f.specification.eqfLevel = 8)),
    example('no EQF level, only a level-scoped accreditation (finding 7)', (f) => {
      f.specification.eqfLevel = 0;
    }),
    example('field of study outside scope (finding 6)', (f) => {
      f.issuer.accreditations[0].fieldsOfStudy = ['0913'];
      f.specification.fieldOfStudy = '0421';
    }),
    example('a field-scoped accreditation, a specification without field', (f) => {
      f.issuer.accreditations[0].fieldsOfStudy = ['09'];
    }),
  ],
});

const identityVerification = (command: CommandType): RuleCase => ({
  rule: 'annex1.identity-verification',
  command,
  severity: { '2022': 'warn', '2026': 'block' },
  passes: [
    example('EQF 5 is not above the threshold', (f) => {
      f.specification.eqfLevel = 5;
      f.specification.supervisionAndIdentityVerification = '';
    }),
    example('online with identity verification', (f) => {
      f.specification.supervisionAndIdentityVerification = 'supervised-online-with-identity-verification';
    }),
  ],
  fails: [
    example('EQF 6 without supervision', (f) => {
      f.specification.supervisionAndIdentityVerification = 'unsupervised';
    }),
    example('EQF 7 supervised without identity check', (f) => {
      f.specification.eqfLevel = 7;
      f.specification.supervisionAndIdentityVerification = 'supervised-no-identity-verification';
    }),
    example('EQF 6, not stated', (f) => void (f.specification.supervisionAndIdentityVerification = '')),
  ],
});

/** Every rule of the shipped EU rulesets, with examples that pass and that fail it. */
export const EU_RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'annex1.title',
    command: 'PublishSpecification',
    severity: 'block',
    passes: [],
    fails: [example('blank', (f) => void (f.specification.title = ' \t'))],
  },
  {
    rule: 'annex1.countries',
    command: 'PublishSpecification',
    severity: 'block',
    passes: [
      example('one country', (f) => void (f.specification.countries = ['DE'])),
      example('an ISO 3166-2 region (finding 8)', (f) => void (f.specification.countries = ['BE-VLG', 'NL'])),
    ],
    fails: [
      example('a malformed region', (f) => void (f.specification.countries = ['BE-'])),
      example('a lower-case code', (f) => void (f.specification.countries = ['be'])),
      example('none', (f) => void (f.specification.countries = [])),
      example('a name, not a code', (f) => void (f.specification.countries = ['BE', 'Germany'])),
    ],
  },
  {
    rule: 'annex1.awarding-bodies',
    command: 'PublishSpecification',
    severity: 'block',
    passes: [],
    fails: [
      example('none', (f) => void (f.specification.awardingBodies = [])),
      example('blank legal name', (f) => void (f.specification.awardingBodies[0].legalName = '')),
      example('lower-case country', (f) => void (f.specification.awardingBodies[0].country = 'be')),
    ],
  },
  {
    rule: 'annex1.learning-outcomes',
    command: 'PublishSpecification',
    severity: 'block',
    passes: [],
    fails: [
      example('none', (f) => void (f.specification.learningOutcomes = [])),
      example('one blank', (f) => void f.specification.learningOutcomes.push('   ')),
    ],
  },
  {
    rule: 'annex1.notional-workload',
    command: 'PublishSpecification',
    severity: 'block',
    passes: [example('hours only', (f) => void (f.specification.ects = 0))],
    fails: [
      example('neither ECTS nor hours', (f) => {
        f.specification.ects = 0;
        f.specification.hours = 0;
      }),
    ],
  },
  {
    rule: 'annex1.workload-in-ects',
    command: 'PublishSpecification',
    severity: 'warn',
    passes: [example('ECTS only', (f) => void (f.specification.hours = 0))],
    fails: [example('hours only', (f) => void (f.specification.ects = 0))],
  },
  {
    rule: 'annex1.eqf-level',
    command: 'PublishSpecification',
    severity: 'block',
    passes: [
      example('no level (0)', (f) => void (f.specification.eqfLevel = 0)),
      example('level 1', (f) => void (f.specification.eqfLevel = 1)),
      example('level 8', (f) => void (f.specification.eqfLevel = 8)),
    ],
    fails: [
      example('level 9', (f) => void (f.specification.eqfLevel = 9)),
      example('negative', (f) => void (f.specification.eqfLevel = -1)),
    ],
  },
  blankText('annex1.type-of-assessment', 'typeOfAssessment'),
  blankText('annex1.form-of-participation', 'formOfParticipation'),
  blankText('annex1.type-of-quality-assurance', 'typeOfQualityAssurance'),
  {
    rule: 'ects.hours-per-credit',
    command: 'PublishSpecification',
    severity: { '2022': 'warn', '2026': 'block' },
    passes: [
      example('25 h per credit', (f) => void (f.specification.hours = 125)),
      example('30 h per credit', (f) => void (f.specification.hours = 150)),
      example('hours not given', (f) => void (f.specification.hours = 0)),
    ],
    fails: [
      example('20 h per credit', (f) => void (f.specification.hours = 100)),
      example('40 h per credit', (f) => void (f.specification.hours = 200)),
    ],
  },
  identityVerification('PublishSpecification'),
  identityVerification('IssueCredential'),
  accreditationCase('annex2.quality.accreditation-at-publication', 'PublishSpecification'),
  {
    rule: 'annex1.learner-identification',
    command: 'IssueCredential',
    severity: 'block',
    passes: [],
    fails: [
      example('no hashed identity', (f) => void (f.learner.hasIdentity = false)),
      example('blank learner id', (f) => void (f.learner.id = '')),
      example('learner facts left out', (f) => void delete (f as Partial<FactsDraft>).learner),
    ],
  },
  {
    rule: 'issuance.validity-period',
    command: 'IssueCredential',
    severity: 'block',
    passes: [
      example('no expiry', (f) => {
        f.credential.hasValidUntil = false;
        f.credential.validUntil = '';
      }),
      example('valid from a later date', (f) => void (f.credential.validFrom = '2026-04-01')),
      example('valid from 90 days ahead', (f) => {
        f.credential.validFrom = daysBeforeNow(-90);
        f.credential.hasValidUntil = false;
      }),
      example(
        'valid from the assessment day, before issue',
        (f) => void (f.credential.validFrom = '2026-02-01'),
      ),
    ],
    fails: [
      example('valid from before the assessment', (f) => void (f.credential.validFrom = '2026-01-30')),
      example('valid from in 2099 (finding 8)', (f) => void (f.credential.validFrom = '2099-01-01')),
      example('valid from 91 days ahead', (f) => void (f.credential.validFrom = daysBeforeNow(-91))),
      example('expires when it starts', (f) => void (f.credential.validUntil = f.credential.validFrom)),
      example('issued before the passing assessment', (f) => {
        f.credential.issuedAt = '2026-01-15T00:00:00Z';
        f.now = '2026-01-15T00:00:00Z';
      }),
      example('expires before it starts', (f) => void (f.credential.validUntil = '2026-02-28')),
      example(
        'validFrom absent',
        (f) => void delete (f.credential as Partial<FactsDraft['credential']>).validFrom,
      ),
    ],
  },
  accreditationCase('annex2.quality.accreditation', 'IssueCredential'),
  {
    rule: 'annex2.pathways.stacking-issuer-accredited',
    command: 'AwardStackedCredential',
    severity: 'block',
    passes: [],
    fails: [
      example(
        'stacking issuer without accreditation (finding 8)',
        (f) => void (f.issuer.accreditations = []),
      ),
      example('accreditation suspended', (f) => void (f.issuer.accreditations[0].status = 'suspended')),
      example('issuer facts left out', (f) => void delete (f as Partial<FactsDraft>).issuer),
    ],
  },
  {
    rule: 'annex1.vocabularies',
    command: 'PublishSpecification',
    severity: { '2022': 'warn', '2026': 'block' },
    passes: [
      example('work experience', (f) => void (f.specification.formOfParticipation = 'work experience')),
      example(
        'no supervision stated (optional)',
        (f) => void (f.specification.supervisionAndIdentityVerification = ''),
      ),
    ],
    fails: [
      example('"-" as type of assessment (finding 8)', (f) => void (f.specification.typeOfAssessment = '-')),
      example('"-" as form of participation', (f) => void (f.specification.formOfParticipation = '-')),
      example('"-" as type of QA', (f) => void (f.specification.typeOfQualityAssurance = '-')),
      example(
        'an unknown supervision code',
        (f) => void (f.specification.supervisionAndIdentityVerification = 'trust me'),
      ),
    ],
  },
  {
    rule: 'annex2.authentic.awarding-body',
    command: 'PublishSpecification',
    severity: 'block',
    passes: [
      example('the issuer among other awarding bodies', (f) => {
        f.specification.awardingBodies.unshift({ legalName: 'KU Leuven', country: 'BE' });
      }),
    ],
    fails: [
      example('another legal name (finding 8)', (f) => {
        f.specification.awardingBodies = [{ legalName: 'Harvard University', country: 'US' }];
      }),
      example(
        'the same name, another country',
        (f) => void (f.specification.awardingBodies[0].country = 'FR'),
      ),
      example('issuer facts left out', (f) => void delete (f as Partial<FactsDraft>).issuer),
    ],
  },
  {
    rule: 'annex2.assessment.passed',
    command: 'IssueCredential',
    severity: 'block',
    passes: [
      example('two passes', (f) => void f.assessments.push({ ...f.assessments[0], id: 'assessment-2' })),
    ],
    fails: [
      example('no assessment cited', (f) => void (f.assessments = [])),
      example('a fail', (f) => void (f.assessments[0].outcome = 'fail')),
      example('annulled', (f) => void (f.assessments[0].status = 'annulled')),
      example('a pass and a fail', (f) => {
        f.assessments.push({ ...f.assessments[0], id: 'assessment-2', outcome: 'fail' });
      }),
    ],
  },
  {
    rule: 'issuance.retired-specification',
    command: 'IssueCredential',
    severity: 'block',
    passes: [
      example('retired 90 days ago', retiredDaysAgo(90)),
      example('a re-issue long after the retirement', (f) => {
        retiredDaysAgo(400)(f);
        f.credential.supersedes = 'credential-0';
      }),
    ],
    fails: [
      example('retired 91 days ago', retiredDaysAgo(91)),
      example('retired before retirements recorded their instant (reads as epoch)', (f) => {
        retiredDaysAgo(0)(f);
        f.specification.retiredAt = '';
      }),
    ],
  },
  {
    rule: 'annex2.assessment.recent',
    command: 'IssueCredential',
    severity: 'block',
    passes: [
      example('300 days old', (f) => void (f.assessments[0].assessedAt = daysBeforeNow(300))),
      example(
        '400 days old is fine in 2022',
        (f) => void (f.assessments[0].assessedAt = daysBeforeNow(400)),
        '2022',
      ),
      example('exactly 730 days old', (f) => void (f.assessments[0].assessedAt = daysBeforeNow(730)), '2022'),
    ],
    fails: [
      example('800 days old', (f) => void (f.assessments[0].assessedAt = daysBeforeNow(800))),
      example(
        '400 days old is too old in 2026',
        (f) => {
          f.assessments[0].assessedAt = daysBeforeNow(400);
        },
        '2026',
      ),
      example('dated tomorrow', (f) => void (f.assessments[0].assessedAt = daysBeforeNow(-1))),
    ],
  },
  {
    rule: 'annex2.pathways.components-active',
    command: 'AwardStackedCredential',
    severity: 'block',
    passes: [],
    fails: [
      example('no components', (f) => void (f.components = [])),
      example('one suspended', (f) => void (f.components[1].status = 'suspended')),
      example('one revoked', (f) => void (f.components[0].status = 'revoked')),
    ],
  },
  {
    rule: 'annex2.pathways.components-held-by-learner',
    command: 'AwardStackedCredential',
    severity: 'block',
    passes: [],
    fails: [example("another learner's component", (f) => void (f.components[1].learnerId = 'learner-2'))],
  },
  {
    rule: 'annex2.pathways.minimum-ects',
    command: 'AwardStackedCredential',
    severity: 'block',
    passes: [example('above the minimum', (f) => void (f.stack.totalEcts = 15))],
    fails: [example('half a credit short', (f) => void (f.stack.totalEcts = 9.5))],
  },
  {
    rule: 'annex2.pathways.components-not-expired',
    command: 'AwardStackedCredential',
    severity: 'block',
    passes: [
      example('a component without expiry', (f) => {
        f.components[0].hasValidUntil = false;
        f.components[0].validUntil = '';
      }),
    ],
    fails: [example('expired yesterday', (f) => void (f.components[0].validUntil = daysBeforeNow(1)))],
  },
  {
    rule: 'annex2.revocation-reason',
    command: 'RevokeCredential',
    severity: 'block',
    passes: REVOCATION_REASONS.map((reason) => example(reason, (f) => void (f.revocation.reason = reason))),
    fails: [
      example('free text', (f) => void (f.revocation.reason = 'learner asked nicely')),
      example('no reason', (f) => void (f.revocation.reason = '')),
    ],
  },
];
