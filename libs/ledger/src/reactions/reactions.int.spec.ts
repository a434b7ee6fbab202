import { streamId } from '@credence/domain';
import {
  assessmentRecorded,
  credentialIssued,
  issuerAccredited,
  issuerRegistered,
  specificationPublished,
} from '../../../domain/src/test-fixtures';
import { reissueIdFor } from '../reissue';
import { eventually, metadata, NOW, reactorWorld, seed } from '../testing/reactor-world';

describe('The ledger reactor', () => {
  const world = reactorWorld('reactions');
  const reactor = () => world.reactor();
  const types = (stream: string) => world.types(stream);

  beforeEach(async () => {
    world.open();
    await seed(world.store, streamId('issuer', 'uni-1'), [issuerRegistered(), issuerAccredited()]);
    await seed(world.store, streamId('specification', 'spec-1'), [specificationPublished()]);
    await seed(world.store, streamId('assessment', 'asmt-1'), [assessmentRecorded()]);
  });
  afterEach(() => world.store.close());
  afterAll(() => world.dir.remove());

  const issuance = {
    commandId: 'issue-1',
    specificationId: 'spec-1',
    learnerId: 'learner-1',
    assessmentIds: ['asmt-1'],
    validFrom: '2025-06-01T00:00:00Z',
  };

  it('finishes an issuance that crashed between the reservation and the credential, once', async () => {
    // What the live path appended before the crash: the reservation, made with the step's derived id.
    await world.ledger.handle({
      type: 'CredentialAssessment',
      data: { assessmentId: 'asmt-1', credentialId: 'cred-1', issuance },
      metadata: metadata(),
    });
    expect(await types(streamId('credential', 'cred-1'))).toEqual([]);

    const first = reactor();
    first.start();
    await eventually(async () => (await types(streamId('credential', 'cred-1'))).length > 0);
    await first.stop();
    const [issued] = await world.store.readStream(streamId('credential', 'cred-1'));
    expect(issued).toMatchObject({
      type: 'CredentialIssued',
      data: { assessmentIds: ['asmt-1'] },
      metadata: { commandId: 'issue-1' },
    });

    // The client's retry of the same issuance is answered from the log, and a restart adds nothing.
    const retry = await world.ledger.handle({
      type: 'IssueCredential',
      data: { ...issuance, credentialId: 'cred-1' },
      metadata: metadata({ commandId: 'issue-1' }),
    });
    expect(retry.replayed).toBe(true);
    const again = reactor();
    again.start();
    await new Promise((r) => setTimeout(r, 300));
    await again.stop();
    expect(await types(streamId('credential', 'cred-1'))).toEqual(['CredentialIssued']);
    expect(await types(streamId('assessment', 'asmt-1'))).toEqual([
      'AssessmentRecorded',
      'AssessmentCredentialed',
    ]);
  });

  it('given an issuance this process finished, when the reactor sees its reservation, then it asks the state cache, not the file, whether the credential is there', async () => {
    await world.ledger.handle({
      type: 'IssueCredential',
      data: { ...issuance, credentialId: 'cred-1' },
      metadata: metadata(),
    });
    const reads = jest.spyOn(world.store, 'readStream');

    await world.runToHead();

    const credentialReads = reads.mock.calls.filter(
      ([stream]) => stream === streamId('credential', 'cred-1'),
    );
    reads.mockRestore();
    expect(credentialReads).toEqual([]);
    expect(await types(streamId('credential', 'cred-1'))).toEqual(['CredentialIssued']);
  });

  it('revokes the credential of an annulled assessment after a crash before the cascade ran, exactly once (finding 3)', async () => {
    await world.ledger.handle({
      type: 'IssueCredential',
      data: { ...issuance, credentialId: 'cred-1' },
      metadata: metadata(),
    });
    const indexing = reactor();
    indexing.start();
    await eventually(async () => indexing.checkpoint() === (await world.store.headPosition()));
    await indexing.stop();

    // The annulment is appended while no reactor runs: the process died before the cascade.
    const annulled = await world.ledger.handle({
      type: 'AnnulAssessment',
      data: { assessmentId: 'asmt-1' },
      metadata: metadata(),
    });
    expect(await types(streamId('credential', 'cred-1'))).toEqual(['CredentialIssued']);

    const restarted = reactor();
    restarted.start();
    await eventually(async () =>
      (await types(streamId('credential', 'cred-1'))).includes('CredentialRevoked'),
    );
    await restarted.stop();
    const revocation = (await world.store.readStream(streamId('credential', 'cred-1')))[1];
    expect(revocation).toMatchObject({
      type: 'CredentialRevoked',
      data: { reason: 'assessment-annulled' },
      metadata: { causationId: annulled.events[0].eventId, principal: { id: 'system:annulment-cascade' } },
    });

    // Restarted again, and once more with its checkpoint lost: still one revocation.
    for (const file of [world.reactorFile, world.dir.nextFile()]) {
      world.reactorFile = file;
      const again = reactor();
      again.start();
      await new Promise((r) => setTimeout(r, 300));
      await again.stop();
    }
    expect(await types(streamId('credential', 'cred-1'))).toEqual(['CredentialIssued', 'CredentialRevoked']);
  });

  it('finishes a re-issue that crashed after the correction was recorded: takes the reservation over, revokes the original, once', async () => {
    await world.ledger.handle({
      type: 'IssueCredential',
      data: { ...issuance, credentialId: 'cred-1' },
      metadata: metadata(),
    });
    // What the live path appended before the crash: the correction alone, naming what it supersedes.
    const corrected = reissueIdFor('cred-1');
    await seed(world.store, streamId('credential', corrected), [
      credentialIssued({ credentialId: corrected, supersedes: 'cred-1', reissueNote: 'typo in the name' }),
    ]);

    for (const file of [world.reactorFile, world.reactorFile, world.dir.nextFile()]) {
      world.reactorFile = file;
      await world.runToHead();
    }

    const original = await world.store.readStream(streamId('credential', 'cred-1'));
    expect(original.map((e) => [e.type, e.data])).toEqual([
      ['CredentialIssued', expect.anything()],
      [
        'CredentialRevoked',
        {
          credentialId: 'cred-1',
          issuerId: 'uni-1',
          reason: 'superseded',
          supersededBy: corrected,
          note: 'typo in the name',
          effectiveAt: NOW,
        },
      ],
    ]);
    // The revocation released nothing: the reservation had passed to the correction first.
    const reservations = (await world.store.readStream(streamId('assessment', 'asmt-1'))).slice(1);
    expect(reservations.map((e) => [e.type, (e.data as { credentialId: string }).credentialId])).toEqual([
      ['AssessmentCredentialed', 'cred-1'],
      ['AssessmentCredentialed', corrected],
    ]);
  });
});
