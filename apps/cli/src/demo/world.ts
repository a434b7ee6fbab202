import { createHash } from 'node:crypto';
import { between, pick, type Random, seeded } from '@credence/runtime';
import {
  ASSESSORS,
  FAMILY_NAMES,
  FORMS_OF_PARTICIPATION,
  GIVEN_NAMES,
  IDENTITY_VERIFIED,
  ISSUERS,
  type IssuerProfile,
  SUPERVISION_UP_TO_EQF5,
  TOPICS,
  type Topic,
  TYPES_OF_ASSESSMENT,
  TYPES_OF_QUALITY_ASSURANCE,
} from './catalogue';

/**
 * The demo world as a plan: pure, from a seed and the ledger's `now`. Names, numbers and which
 * attempts are refused depend on the seed only; `now` only places the dates, all in the past.
 */

export const SCALES = {
  small: { learners: 2_000 },
  /** About 50,000 credentials (1.3 a learner). */
  medium: { learners: 38_000 },
  /** About 1,000,000 events (an issued row appends about four). */
  large: { learners: 190_000 },
} as const;
export type Scale = keyof typeof SCALES;

const DAY = 86_400_000;
/** Activity spreads over 18 months before `now`; the newest cohort is assessed at least 3 days ago. */
const SPREAD_DAYS = 540;
const NEWEST_DAYS = 3;
const SPECS_PER_ISSUER = 6;

export type SpecificationBody = Readonly<Record<string, unknown> & { title: string }>;

/** A specification to publish; `refusedBy` names the rule that must refuse it, `warnedBy` one that warns. */
export type PlannedSpecification = Readonly<{
  key: string;
  issuer: number;
  body: SpecificationBody;
  refusedBy?: string;
  warnedBy?: string;
  /** The intakes' assessment days, as days before `now`. */
  intakes: readonly number[];
}>;

export type Enrolment = Readonly<{
  /** Unique within the world: the batch row key. */
  key: string;
  learner: number;
  spec: string;
  intake: number;
  outcome: 'pass' | 'fail';
  grade: string;
  assessor: string;
  /** Minutes after the intake day's 08:00 UTC. */
  minute: number;
}>;

export type Learner = Readonly<{ id: string; identityHash: string; salt: string }>;

export type PlannedPathway = Readonly<{
  key: string;
  issuer: number;
  title: string;
  components: readonly string[];
  completion: { kind: 'all-of' } | { kind: 'n-of'; n: number };
  minimumEcts: number;
  /** The learners who are awarded the stack, each with the components they hold. */
  awards: readonly { learner: number; components: readonly string[] }[];
}>;

/** What happens to issued credentials afterwards, by enrolment key. */
export type Lifecycle = Readonly<{
  suspensions: readonly {
    enrolment: string;
    reason: 'under-investigation' | 'issuer-request';
    reinstate: boolean;
  }[];
  revocations: readonly { enrolment: string; reason: string }[];
  /** Annulled assessment: the reactor revokes its credential (assessment-annulled). */
  annulment: string;
  reissue: string;
  /** Assessed while the issuer's accreditation is suspended: its issuance is refused. */
  refusedIssuance: Readonly<{ learner: number; spec: string }>;
}>;

export type DemoWorld = Readonly<{
  seed: number;
  scale: Scale;
  issuers: readonly IssuerProfile[];
  specifications: readonly PlannedSpecification[];
  pathways: readonly PlannedPathway[];
  learners: readonly Learner[];
  enrolments: readonly Enrolment[];
  lifecycle: Lifecycle;
}>;

const shuffled = <T>(random: Random, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A compliant Annex I specification: workload 25 to 30 hours an ECTS credit, identity-checked above EQF 5. */
const compliantBody = (random: Random, topic: Topic, issuer: IssuerProfile): SpecificationBody => {
  const eqfLevel = between(random, 4, 7);
  const ects = pick(random, [1, 2, 3, 4, 5, 6]);
  return {
    title: topic.title,
    countries: [issuer.country],
    awardingBodies: [{ legalName: issuer.legalName, country: issuer.country }],
    learningOutcomes: topic.outcomes,
    notionalWorkload: { ects, hours: ects * between(random, 25, 30) },
    eqfLevel,
    fieldOfStudy: topic.fieldOfStudy,
    typeOfAssessment: pick(random, TYPES_OF_ASSESSMENT),
    formOfParticipation: pick(random, FORMS_OF_PARTICIPATION),
    typeOfQualityAssurance: pick(random, TYPES_OF_QUALITY_ASSURANCE),
    supervisionAndIdentityVerification: pick(
      random,
      eqfLevel > 5 ? IDENTITY_VERIFIED : SUPERVISION_UP_TO_EQF5,
    ),
    stackable: true,
    credentialValidity: 'P5Y',
  };
};

/** Published with a warning: the compliance views show them, and learners still take them. */
const WARNED: readonly [string, (body: SpecificationBody) => SpecificationBody][] = [
  ['annex1.workload-in-ects', (b) => ({ ...b, notionalWorkload: { hours: 40 } })],
  ['ects.hours-per-credit', (b) => ({ ...b, notionalWorkload: { ects: 2, hours: 120 } })],
  ['annex1.vocabularies', (b) => ({ ...b, formOfParticipation: 'hybrid-flex' })],
];

/** Refused attempts (QualityCheckFailed on the issuer's compliance stream). */
const REFUSED: readonly [string, (body: SpecificationBody) => SpecificationBody][] = [
  ['annex1.type-of-assessment', ({ typeOfAssessment: _omitted, ...b }) => b],
  ['annex1.learning-outcomes', (b) => ({ ...b, learningOutcomes: [] })],
  [
    'annex2.authentic.awarding-body',
    (b) => ({ ...b, awardingBodies: [{ legalName: 'Partner Campus', country: 'LU' }] }),
  ],
  ['annex1.type-of-quality-assurance', ({ typeOfQualityAssurance: _omitted, ...b }) => b],
];

const planSpecifications = (random: Random): PlannedSpecification[] => {
  const topics = shuffled(random, TOPICS);
  const specs: PlannedSpecification[] = [];
  const intakes = () =>
    Array.from({ length: between(random, 2, 3) }, () => between(random, NEWEST_DAYS, SPREAD_DAYS)).sort(
      (a, b) => b - a,
    );
  ISSUERS.forEach((issuer, i) => {
    for (let s = 0; s < SPECS_PER_ISSUER; s++) {
      const topic = topics[i * SPECS_PER_ISSUER + s];
      specs.push({
        key: `spec-${specs.length}`,
        issuer: i,
        body: compliantBody(random, topic, issuer),
        intakes: intakes(),
      });
    }
  });
  // The first issuer's first five specifications form the pathways, so they stay compliant.
  const others = shuffled(
    random,
    specs.filter((s) => s.issuer !== 0),
  );
  WARNED.forEach(([rule, change], n) => {
    const spec = others[n];
    specs[specs.indexOf(spec)] = { ...spec, body: change(spec.body), warnedBy: rule };
  });
  REFUSED.forEach(([rule, change], n) => {
    const issuer = (n * 2 + 1) % ISSUERS.length;
    const base = compliantBody(random, topics[ISSUERS.length * SPECS_PER_ISSUER + n], ISSUERS[issuer]);
    specs.push({ key: `spec-${specs.length}`, issuer, body: change(base), refusedBy: rule, intakes: [] });
  });
  return specs;
};

const planLearners = (random: Random, count: number): Learner[] =>
  Array.from({ length: count }, (_, i) => {
    const email = `${pick(random, GIVEN_NAMES)}.${pick(random, FAMILY_NAMES)}.${i}@example.org`.toLowerCase();
    const salt = sha256(`salt-${random()}`).slice(0, 8);
    return { id: `lrn-${sha256(email).slice(0, 12)}`, identityHash: `sha256$${sha256(email + salt)}`, salt };
  });

const weightedIssuer = (random: Random): number => {
  const total = ISSUERS.reduce((sum, issuer) => sum + issuer.weight, 0);
  let ticket = random() * total;
  for (let i = 0; i < ISSUERS.length; i++) {
    ticket -= ISSUERS[i].weight;
    if (ticket < 0) return i;
  }
  return ISSUERS.length - 1;
};

const grade = (random: Random, outcome: 'pass' | 'fail') =>
  (outcome === 'pass' ? between(random, 55, 100) / 10 : between(random, 20, 54) / 10).toFixed(1);

/** The first issuer's pathways: all of two specifications, and two of three. */
const PATHWAY_LEARNERS = 6;

export const planWorld = (scale: Scale, seed: number): DemoWorld => {
  const random = seeded(seed);
  const specifications = planSpecifications(random);
  const learners = planLearners(random, SCALES[scale].learners);
  const published = specifications.filter((s) => !s.refusedBy);
  const byIssuer = ISSUERS.map((_, i) => published.filter((s) => s.issuer === i));
  const [a, b, c, d, e] = byIssuer[0].map((s) => s.key);
  const enrolments: Enrolment[] = [];
  const enrol = (learner: number, spec: string, outcome: 'pass' | 'fail' = 'pass') => {
    const planned = published.find((s) => s.key === spec)!;
    enrolments.push({
      key: `enr-${enrolments.length}`,
      learner,
      spec,
      intake: Math.floor(random() * planned.intakes.length),
      outcome,
      grade: grade(random, outcome),
      assessor: pick(random, ASSESSORS),
      minute: between(random, 0, 8 * 60),
    });
  };
  // Learners 0..11 hold the pathways' components, so that stacks can be awarded.
  const allOf = [a, b];
  const twoOfThree = [c, d, e];
  for (let l = 0; l < PATHWAY_LEARNERS; l++) allOf.forEach((spec) => enrol(l, spec));
  for (let l = PATHWAY_LEARNERS; l < 2 * PATHWAY_LEARNERS; l++)
    shuffled(random, twoOfThree)
      .slice(0, 2)
      .forEach((spec) => enrol(l, spec));
  const fails = Math.max(5, Math.round(learners.length / 400));
  for (let l = 2 * PATHWAY_LEARNERS; l < learners.length; l++) {
    const offer = byIssuer[weightedIssuer(random)];
    const taken = random() < 0.7 ? 1 : random() < 0.85 ? 2 : 3;
    shuffled(random, offer)
      .slice(0, taken)
      .forEach((spec) => enrol(l, spec.key, l < 2 * PATHWAY_LEARNERS + fails ? 'fail' : 'pass'));
  }
  const pathways: PlannedPathway[] = [
    {
      key: 'pathway-all-of',
      issuer: 0,
      title: `${titleOf(specifications, a)} and ${titleOf(specifications, b)}`,
      components: allOf,
      completion: { kind: 'all-of' },
      minimumEcts: 2,
      awards: range(0, PATHWAY_LEARNERS).map((learner) => ({ learner, components: allOf })),
    },
    {
      key: 'pathway-two-of-three',
      issuer: 0,
      title: `Professional track: two of ${[c, d, e].map((k) => titleOf(specifications, k)).join(', ')}`,
      components: twoOfThree,
      completion: { kind: 'n-of', n: 2 },
      minimumEcts: 2,
      awards: range(PATHWAY_LEARNERS, 2 * PATHWAY_LEARNERS).map((learner) => ({
        learner,
        components: enrolments.filter((x) => x.learner === learner).map((x) => x.spec),
      })),
    },
  ];
  return {
    seed,
    scale,
    issuers: ISSUERS,
    specifications,
    pathways,
    learners,
    enrolments,
    lifecycle: planLifecycle(random, specifications, enrolments),
  };
};

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const titleOf = (specs: readonly PlannedSpecification[], key: string) =>
  specs.find((s) => s.key === key)!.body.title;

/** Suspensions, revocations (one a reason, the annulment gives the sixth), an annulment and a re-issue. */
const planLifecycle = (
  random: Random,
  specifications: readonly PlannedSpecification[],
  enrolments: readonly Enrolment[],
): Lifecycle => {
  const issuerOf = (e: Enrolment) => specifications.find((s) => s.key === e.spec)!.issuer;
  const withdrawn = ISSUERS.findIndex((i) => i.story === 'withdrawn');
  const stackLearners = 2 * PATHWAY_LEARNERS;
  const candidates = shuffled(
    random,
    enrolments.filter((e) => e.outcome === 'pass' && e.learner >= stackLearners),
  );
  const take = (fromWithdrawn: boolean) => {
    const index = candidates.findIndex((e) => (issuerOf(e) === withdrawn) === fromWithdrawn);
    return candidates.splice(index, 1)[0].key;
  };
  const reasons = ['issued-in-error', 'fraud', 'issuer-request', 'superseded'];
  return {
    suspensions: range(0, 6).map((n) => ({
      enrolment: take(false),
      reason: n % 2 === 0 ? 'under-investigation' : 'issuer-request',
      reinstate: n < 4,
    })),
    revocations: [
      ...reasons.map((reason) => ({ enrolment: take(false), reason })),
      { enrolment: take(true), reason: 'accreditation-withdrawn' },
      { enrolment: take(true), reason: 'accreditation-withdrawn' },
    ],
    annulment: take(false),
    reissue: take(false),
    refusedIssuance: {
      learner: candidates[0].learner,
      spec: specifications.find(
        (s) => !s.refusedBy && ISSUERS[s.issuer].story === 'suspended-then-reinstated',
      )!.key,
    },
  };
};

/** An intake's assessment instant: its day before `now`, at 08:00 UTC plus the enrolment's minutes. */
export const assessedAt = (world: DemoWorld, enrolment: Enrolment, nowMs: number): string => {
  const spec = world.specifications.find((s) => s.key === enrolment.spec)!;
  const day = Math.floor((nowMs - spec.intakes[enrolment.intake] * DAY) / DAY) * DAY;
  return iso(day + 8 * 3_600_000 + enrolment.minute * 60_000);
};

/** The credential is valid from the day after the assessment (never after `now`). */
export const validFrom = (assessed: string, nowMs: number): string =>
  iso(Math.min(Date.parse(assessed) + DAY, nowMs - 60_000));

export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export { DAY };
