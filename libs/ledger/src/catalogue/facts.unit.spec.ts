import {
  type CommandMetadata,
  credentialDecider,
  issuerDecider,
  pathwayDecider,
  specificationDecider,
  stackDecider,
  assessmentDecider,
  statusIndexKey,
  streamId,
} from '@credence/domain';
import type { Facts } from '@credence/rules';
import {
  actingAs,
  assessmentRecorded,
  credentialIssued,
  ISSUER,
  issuerAccredited,
  issuerRegistered,
  pathwayPublished,
  qaBodyPrincipal,
  specificationPublished,
} from '../../../domain/src/test-fixtures';
import { resolveCommand } from '../ledger';
import type { CommandRequest } from './catalogue';
import type { StreamRef } from './related';

/**
 * Given the streams as they stand, when a command is resolved through the catalogue (related refs,
 * then its fact builder), then the rules see exactly these facts. Every command type has a case, so
 * a wrong mapping fails here even though the rule specs use hand-built facts.
 */
const NOW = '2026-03-01T12:00:00.000Z';
const metadata = (over: Partial<CommandMetadata> = {}): CommandMetadata => ({
  commandId: 'cmd-1',
  correlationId: 'cmd-1',
  causationId: 'cmd-1',
  now: NOW,
  ...actingAs(),
  ...over,
});
const asQaBody = metadata({ principal: qaBodyPrincipal, issuerId: undefined });

type Given = Readonly<Record<string, { fold: (events: never[]) => unknown; events: readonly object[] }>>;
const ledgerOf = (given: Given) => {
  const states = new Map(
    Object.entries(given).map(([id, { fold, events }]) => [id, fold(events as never[])]),
  );
  return <State>(ref: StreamRef<State>): State =>
    states.has(ref.streamId) ? (states.get(ref.streamId) as State) : ref.folding.initialState();
};
const folded =
  <State>(decider: { evolve: (s: State, e: never) => State; initialState: () => State }) =>
  (events: never[]) =>
    events.reduce(decider.evolve, decider.initialState());

const factsOf = async (given: Given, request: CommandRequest): Promise<Facts> => {
  const read = ledgerOf(given);
  const { target, facts } = await resolveCommand(request, read);
  return facts(read(target));
};

const issuerStream = {
  [streamId('issuer', ISSUER)]: {
    fold: folded(issuerDecider),
    events: [issuerRegistered(), issuerAccredited()],
  },
};
const specStream = (id = 'spec-1') => ({
  [streamId('specification', id)]: {
    fold: folded(specificationDecider),
    events: [specificationPublished({ specificationId: id })],
  },
});
const credentialStream = (id = 'cred-1', over = {}) => ({
  [streamId('credential', id)]: {
    fold: folded(credentialDecider),
    events: [credentialIssued({ credentialId: id, ...over })],
  },
});

const issuerFacts = {
  id: ISSUER,
  registered: true,
  legalName: `University ${ISSUER}`,
  country: 'NL',
  accreditations: [
    {
      id: 'acc-1',
      qaBody: 'NVAO',
      eqfLevels: [5, 6],
      fieldsOfStudy: [],
      validFrom: '2024-01-01T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
      status: 'active',
    },
  ],
};
const specFacts = (status: string, id = 'spec-1') => ({
  id,
  issuerId: ISSUER,
  title: 'Data Literacy',
  countries: [],
  awardingBodies: [],
  learningOutcomes: [],
  ects: 5,
  hours: 0,
  eqfLevel: 6,
  fieldOfStudy: '',
  typeOfAssessment: '',
  formOfParticipation: '',
  typeOfQualityAssurance: '',
  supervisionAndIdentityVerification: '',
  stackable: false,
  status,
  version: 1,
  retiredAt: '',
});
const command = (type: string, principalRole = 'issuer', issuerId = ISSUER) => ({
  now: NOW,
  command: { type, issuerId, principalRole },
});

describe('the facts each catalogued command gives the rules', () => {
  it('RegisterIssuer: the issuer is the target, not yet registered', async () => {
    const data = { issuerId: 'uni-9', legalName: 'U9', country: 'NL', registrationId: 'KVK-9' };
    expect(await factsOf({}, { type: 'RegisterIssuer', data, metadata: asQaBody })).toEqual({
      ...command('RegisterIssuer', 'qa-body', 'uni-9'),
      issuer: { id: 'uni-9', registered: false, legalName: '', country: '', accreditations: [] },
    });
  });

  it.each(['AccreditIssuer', 'SuspendAccreditation', 'WithdrawAccreditation'] as const)(
    '%s: the issuer named in the route with its accreditations',
    async (type) => {
      const data = {
        issuerId: ISSUER,
        accreditationId: 'acc-1',
        qaBody: 'NVAO',
        scope: { eqfLevels: [5] },
        validFrom: NOW,
        validUntil: NOW,
      };
      const request = { type, data, metadata: asQaBody } as CommandRequest;
      expect(await factsOf(issuerStream, request)).toEqual({
        ...command(type, 'qa-body'),
        issuer: issuerFacts,
      });
    },
  );

  it('an accreditation for all levels (eqfLevels omitted) reaches the rules as an empty eqfLevels (finding 7)', async () => {
    const allLevels = {
      [streamId('issuer', ISSUER)]: {
        fold: folded(issuerDecider),
        events: [issuerRegistered(), issuerAccredited({ scope: {} })],
      },
    };
    const data = { issuerId: ISSUER, accreditationId: 'acc-1', note: 'x' };
    const facts = await factsOf(allLevels, {
      type: 'SuspendAccreditation',
      data,
      metadata: asQaBody,
    } as CommandRequest);
    expect(facts.issuer?.accreditations[0]?.eqfLevels).toEqual([]);
  });

  it('PublishSpecification: the specification as it would be published, and the acting issuer', async () => {
    const data = {
      specificationId: 'spec-9',
      title: 'Data Literacy',
      notionalWorkload: { ects: 5 },
      eqfLevel: 6,
    };
    expect(await factsOf(issuerStream, { type: 'PublishSpecification', data, metadata: metadata() })).toEqual(
      {
        ...command('PublishSpecification'),
        issuer: issuerFacts,
        specification: specFacts('published', 'spec-9'),
      },
    );
  });

  it('ReviseSpecification: the content as it would be revised, as the next version, and the acting issuer', async () => {
    const data = {
      specificationId: 'spec-1',
      title: 'Data Literacy',
      notionalWorkload: { ects: 5 },
      eqfLevel: 6,
    };
    expect(
      await factsOf(
        { ...issuerStream, ...specStream() },
        { type: 'ReviseSpecification', data, metadata: metadata() },
      ),
    ).toEqual({
      ...command('ReviseSpecification'),
      issuer: issuerFacts,
      specification: { ...specFacts('published'), version: 2 },
    });
  });

  it('RetireSpecification: the specification as it stands', async () => {
    const request: CommandRequest = {
      type: 'RetireSpecification',
      data: { specificationId: 'spec-1' },
      metadata: metadata(),
    };
    expect(await factsOf(specStream(), request)).toEqual({
      ...command('RetireSpecification'),
      specification: specFacts('published'),
    });
  });

  it('RecordAssessment: the specification it cites and the learner, with identity type', async () => {
    const { issuerId: _owner, ...data } = assessmentRecorded().data;
    expect(await factsOf(specStream(), { type: 'RecordAssessment', data, metadata: metadata() })).toEqual({
      ...command('RecordAssessment'),
      specification: specFacts('published'),
      learner: { id: 'learner-1', hasIdentity: true, identityType: 'emailAddress' },
    });
  });

  it('AnnulAssessment: only who acts, for whom (the owner when a QA body acts)', async () => {
    const given = {
      [streamId('assessment', 'asmt-1')]: { fold: folded(assessmentDecider), events: [assessmentRecorded()] },
    };
    const request: CommandRequest = {
      type: 'AnnulAssessment',
      data: { assessmentId: 'asmt-1' },
      metadata: asQaBody,
    };
    expect(await factsOf(given, request)).toEqual(command('AnnulAssessment', 'qa-body'));
  });

  it('IssueCredential: specification, recorded assessments (unknown ones left out), learner, the credential and the issuer', async () => {
    const given = {
      ...issuerStream,
      ...specStream(),
      [streamId('assessment', 'asmt-1')]: { fold: folded(assessmentDecider), events: [assessmentRecorded()] },
    };
    const data = {
      credentialId: 'cred-9',
      specificationId: 'spec-1',
      learnerId: 'learner-1',
      assessmentIds: ['asmt-1', 'asmt-missing'],
      validFrom: NOW,
    };
    expect(await factsOf(given, { type: 'IssueCredential', data, metadata: metadata() })).toEqual({
      ...command('IssueCredential'),
      issuer: issuerFacts,
      specification: specFacts('published'),
      assessments: [
        {
          id: 'asmt-1',
          learnerId: 'learner-1',
          specificationId: 'spec-1',
          outcome: 'pass',
          assessedAt: '2025-05-20T10:00:00Z',
          status: 'recorded',
        },
      ],
      learner: { id: 'learner-1', hasIdentity: true, identityType: 'emailAddress' },
      credential: {
        id: 'cred-9',
        validFrom: NOW,
        validUntil: '',
        hasValidUntil: false,
        issuedAt: NOW,
        supersedes: '',
      },
    });
  });

  it('IssueCredential, a re-issue under a retired specification: what it supersedes, and when the specification was retired', async () => {
    const retiredAt = '2025-05-30T00:00:00.000Z';
    const given = {
      ...issuerStream,
      ...credentialStream('cred-1'),
      [streamId('specification', 'spec-1')]: {
        fold: folded(specificationDecider),
        events: [
          specificationPublished(),
          { type: 'SpecificationRetired', data: { specificationId: 'spec-1', issuerId: ISSUER, retiredAt } },
        ],
      },
    };
    const data = {
      credentialId: 'cred-2',
      supersedes: 'cred-1',
      specificationId: 'spec-1',
      learnerId: 'learner-1',
      assessmentIds: ['asmt-1'],
      validFrom: NOW,
    };
    const facts = await factsOf(given, { type: 'IssueCredential', data, metadata: metadata() });
    expect([
      facts.credential?.supersedes,
      facts.specification?.status,
      facts.specification?.retiredAt,
    ]).toEqual(['cred-1', 'retired', retiredAt]);
  });

  const issued = {
    id: 'cred-1',
    validFrom: '2025-05-21T00:00:00Z',
    validUntil: '2028-01-01T00:00:00Z',
    hasValidUntil: true,
    issuedAt: '2025-05-21T00:00:00.000Z',
    supersedes: '',
  };

  it.each(['SuspendCredential', 'ReinstateCredential'] as const)(
    '%s: the credential as issued',
    async (type) => {
      const request = {
        type,
        data: { credentialId: 'cred-1', reason: 'under-investigation' },
        metadata: metadata(),
      } as CommandRequest;
      expect(
        await factsOf(credentialStream('cred-1', { validUntil: '2028-01-01T00:00:00Z' }), request),
      ).toEqual({ ...command(type), credential: issued });
    },
  );

  it('RevokeCredential: the credential and the reason as given', async () => {
    const request: CommandRequest = {
      type: 'RevokeCredential',
      data: { credentialId: 'cred-1', reason: 'fraud' },
      metadata: metadata(),
    };
    expect(
      await factsOf(credentialStream('cred-1', { validUntil: '2028-01-01T00:00:00Z' }), request),
    ).toEqual({
      ...command('RevokeCredential'),
      credential: issued,
      revocation: { reason: 'fraud' },
    });
  });

  it('a credential command on an unknown credential: no credential facts', async () => {
    const request: CommandRequest = {
      type: 'RevokeCredential',
      data: { credentialId: 'nope', reason: 'fraud' },
      metadata: metadata(),
    };
    expect(await factsOf({}, request)).toEqual({
      ...command('RevokeCredential'),
      revocation: { reason: 'fraud' },
    });
  });

  it('PublishPathway: the pathway as it would be published (n is 0 for all-of)', async () => {
    const { issuerId: _owner, ...data } = pathwayPublished({ completion: { kind: 'n-of', n: 2 } }).data;
    expect(await factsOf(specStream(), { type: 'PublishPathway', data, metadata: metadata() })).toEqual({
      ...command('PublishPathway'),
      pathway: { id: 'path-1', components: ['spec-1', 'spec-2'], completion: 'n-of', n: 2, minimumEcts: 10 },
    });
  });

  it('AwardStackedCredential: the pathway, components judged at now (unknown left out), and the stack total', async () => {
    const given = {
      [streamId('pathway', 'path-1')]: { fold: folded(pathwayDecider), events: [pathwayPublished()] },
      ...issuerStream,
      ...credentialStream('cred-1'),
      ...credentialStream('cred-2', {
        specificationId: 'spec-2',
        validUntil: '2026-01-01T00:00:00Z',
        ects: 3,
      }),
    };
    const data = {
      stackId: 'stack-1',
      pathwayId: 'path-1',
      learnerId: 'learner-1',
      componentCredentialIds: ['cred-1', 'cred-2', 'cred-x'],
    };
    const component = { learnerId: 'learner-1', validFrom: '2025-05-21T00:00:00Z' };
    expect(await factsOf(given, { type: 'AwardStackedCredential', data, metadata: metadata() })).toEqual({
      ...command('AwardStackedCredential'),
      issuer: issuerFacts,
      pathway: {
        id: 'path-1',
        components: ['spec-1', 'spec-2'],
        completion: 'all-of',
        n: 0,
        minimumEcts: 10,
      },
      components: [
        {
          ...component,
          id: 'cred-1',
          specificationId: 'spec-1',
          status: 'active',
          validUntil: '',
          hasValidUntil: false,
          ects: 5,
        },
        {
          ...component,
          id: 'cred-2',
          specificationId: 'spec-2',
          status: 'expired',
          validUntil: '2026-01-01T00:00:00Z',
          hasValidUntil: true,
          ects: 3,
        },
      ],
      stack: { learnerId: 'learner-1', totalEcts: 8 },
    });
  });

  it('ReconcileStackedCredential (sent by the system): the stack owner is the issuer acted for', async () => {
    const awarded = {
      type: 'StackedCredentialAwarded',
      data: {
        stackId: 'stack-1',
        issuerId: ISSUER,
        pathwayId: 'path-1',
        learnerId: 'learner-1',
        componentCredentialIds: ['cred-1'],
      },
    };
    const given = { [streamId('stack', 'stack-1')]: { fold: folded(stackDecider), events: [awarded] } };
    const system = metadata({
      principal: { id: 'system:stack-invalidation', role: 'admin' },
      issuerId: undefined,
    });
    const request: CommandRequest = {
      type: 'ReconcileStackedCredential',
      data: { stackId: 'stack-1', componentCredentialId: 'cred-1' },
      metadata: system,
    };
    expect(await factsOf(given, request)).toEqual(command('ReconcileStackedCredential', 'admin'));
  });
});

/**
 * Given a ledger that records what is read, when a command is resolved, then its target is read
 * only when the catalogue names the related streams through it (`relatedThroughTarget`): a read
 * of a target that almost never exists (a status claim's) would be a wasted query per command.
 */
describe('the streams resolving a command reads', () => {
  const readsOf = async (given: Given, request: CommandRequest): Promise<string[]> => {
    const read = ledgerOf(given);
    const seen: string[] = [];
    await resolveCommand(request, (ref) => {
      seen.push(ref.streamId);
      return read(ref);
    });
    return seen;
  };

  it('a claim of status indexes: the suspension twin only, never its (usually new) target', async () => {
    const request: CommandRequest = {
      type: 'ClaimStatusIndexes',
      data: { issuerId: ISSUER, list: 0, index: 7, credentialId: 'cred-1' },
      metadata: metadata(),
    };
    expect(await readsOf({}, request)).toEqual([
      streamId('status-index', statusIndexKey(ISSUER, { purpose: 'suspension', list: 0, index: 7 })),
    ]);
  });

  it('a revocation: the credential first, then the issuer it names', async () => {
    const request: CommandRequest = {
      type: 'RevokeCredential',
      data: { credentialId: 'cred-1', reason: 'fraud' },
      metadata: metadata(),
    };
    expect(await readsOf({ ...credentialStream('cred-1'), ...issuerStream }, request)).toEqual([
      streamId('credential', 'cred-1'),
      streamId('issuer', ISSUER),
    ]);
  });
});
