import { randomUUID } from 'node:crypto';
import type { AnyEvent, CommandMetadata } from '@credence/domain';
import { EVENT_SCHEMA_VERSIONS, type CredenceEventType, streamId } from '@credence/domain';
import type { EventStore } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { tempDir } from '@credence/event-store/testing';
import {
  actingAs,
  assessmentRecorded,
  credentialIssued,
  issuerAccredited,
  issuerRegistered,
  specificationPublished,
} from '../../../domain/src/test-fixtures';
import { Ledger, RulesGate } from '../ledger';
import { LedgerReactor } from '../reactor';
import { reissueIdFor } from '../reissue';
import { LEDGER_REACTIONS } from '.';

class NoRules extends RulesGate {
  check = async <C>(command: C) => command;
}

const NOW = '2025-06-01T00:00:00.000Z';
const metadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => {
  const commandId = randomUUID();
  return {
    commandId,
    ...actingAs(),
    now: NOW,
    correlationId: commandId,
    causationId: commandId,
    ...overrides,
  };
};

const seed = async (store: EventStore, stream: string, events: AnyEvent[]) =>
  store.append(
    stream,
    events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[e.type as CredenceEventType],
      data: e.data,
      metadata: metadata(),
    })),
  );

const eventually = async (probe: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await probe()); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('The ledger reactor', () => {
  const dir = tempDir('reactions');
  let store: SqliteEventStore;
  let ledger: Ledger;
  let reactorFile: string;
  const reactor = () => new LedgerReactor(ledger, store, reactorFile, LEDGER_REACTIONS);
  const types = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);

  beforeEach(async () => {
    store = SqliteEventStore.open({ path: dir.nextFile() });
    reactorFile = dir.nextFile();
    ledger = new Ledger(store, new NoRules());
    await seed(store, streamId('issuer', 'uni-1'), [issuerRegistered(), issuerAccredited()]);
    await seed(store, streamId('specification', 'spec-1'), [specificationPublished()]);
    await seed(store, streamId('assessment', 'asmt-1'), [assessmentRecorded()]);
  });
  afterEach(() => store.close());
  afterAll(() => dir.remove());

  const issuance = {
    commandId: 'issue-1',
    specificationId: 'spec-1',
    learnerId: 'learner-1',
    assessmentIds: ['asmt-1'],
    validFrom: '2025-06-01T00:00:00Z',
  };

  it('finishes an issuance that crashed between the reservation and the credential, once', async () => {
    // What the live path appended before the crash: the reservation, made with the step's derived id.
    await ledger.handle({
      type: 'CredentialAssessment',
      data: { assessmentId: 'asmt-1', credentialId: 'cred-1', issuance },
      metadata: metadata(),
    });
    expect(await types(streamId('credential', 'cred-1'))).toEqual([]);

    const first = reactor();
    first.start();
    await eventually(async () => (await types(streamId('credential', 'cred-1'))).length > 0);
    await first.stop();
    const [issued] = await store.readStream(streamId('credential', 'cred-1'));
    expect(issued).toMatchObject({
      type: 'CredentialIssued',
      data: { assessmentIds: ['asmt-1'] },
      metadata: { commandId: 'issue-1' },
    });

    // The client's retry of the same issuance is answered from the log, and a restart adds nothing.
    const retry = await ledger.handle({
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

  it('revokes the credential of an annulled assessment after a crash before the cascade ran, exactly once (finding 3)', async () => {
    await ledger.handle({
      type: 'IssueCredential',
      data: { ...issuance, credentialId: 'cred-1' },
      metadata: metadata(),
    });
    const indexing = reactor();
    indexing.start();
    await eventually(async () => indexing.checkpoint() === (await store.headPosition()));
    await indexing.stop();

    // The annulment is appended while no reactor runs: the process died before the cascade.
    const annulled = await ledger.handle({
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
    const revocation = (await store.readStream(streamId('credential', 'cred-1')))[1];
    expect(revocation).toMatchObject({
      type: 'CredentialRevoked',
      data: { reason: 'assessment-annulled' },
      metadata: { causationId: annulled.events[0].eventId, principal: { id: 'system:annulment-cascade' } },
    });

    // Restarted again, and once more with its checkpoint lost: still one revocation.
    for (const file of [reactorFile, dir.nextFile()]) {
      reactorFile = file;
      const again = reactor();
      again.start();
      await new Promise((r) => setTimeout(r, 300));
      await again.stop();
    }
    expect(await types(streamId('credential', 'cred-1'))).toEqual(['CredentialIssued', 'CredentialRevoked']);
  });
  it('finishes a re-issue that crashed after the correction was recorded: takes the reservation over, revokes the original, once', async () => {
    await ledger.handle({
      type: 'IssueCredential',
      data: { ...issuance, credentialId: 'cred-1' },
      metadata: metadata(),
    });
    // What the live path appended before the crash: the correction alone, naming what it supersedes.
    const corrected = reissueIdFor('cred-1');
    await seed(store, streamId('credential', corrected), [
      credentialIssued({ credentialId: corrected, supersedes: 'cred-1', reissueNote: 'typo in the name' }),
    ]);

    for (const file of [reactorFile, reactorFile, dir.nextFile()]) {
      reactorFile = file;
      const run = reactor();
      run.start();
      await eventually(async () => run.checkpoint() === (await store.headPosition()));
      await run.stop();
    }

    const original = await store.readStream(streamId('credential', 'cred-1'));
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
        },
      ],
    ]);
    // The revocation released nothing: the reservation had passed to the correction first.
    const reservations = (await store.readStream(streamId('assessment', 'asmt-1'))).slice(1);
    expect(reservations.map((e) => [e.type, (e.data as { credentialId: string }).credentialId])).toEqual([
      ['AssessmentCredentialed', 'cred-1'],
      ['AssessmentCredentialed', corrected],
    ]);
  });
});
