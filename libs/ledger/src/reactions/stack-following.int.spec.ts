import { pathwayDecider, stackDecider, type StackState, streamId } from '@credence/domain';
import {
  credentialIssued,
  issuerAccredited,
  issuerRegistered,
  pathwayPublished,
} from '../../../domain/src/test-fixtures';
import { metadata, reactorWorld, seed } from '../testing/reactor-world';

describe('The ledger reactor: stacks follow their components', () => {
  const world = reactorWorld('stack-following');
  const credential = (n: number) => streamId('credential', `cred-${n}`);
  const stackStream = streamId('stack', 'stack-1');
  const stack = async () => (await world.ledger.load(stackDecider, stackStream)).state as StackState;
  const revoke = (n: number, reason: 'fraud' | 'issuer-request' = 'fraud') =>
    world.ledger.handle({
      type: 'RevokeCredential',
      data: { credentialId: `cred-${n}`, reason },
      metadata: metadata(),
    });

  beforeEach(async () => {
    world.open();
    await seed(world.store, streamId('issuer', 'uni-1'), [issuerRegistered(), issuerAccredited()]);
    for (const n of [1, 2, 3]) {
      await seed(world.store, credential(n), [
        credentialIssued({ credentialId: `cred-${n}`, specificationId: `spec-${n}` }),
      ]);
    }
    // 2 of 3 five-ECTS components: awarded from all three, one is spare.
    await seed(world.store, streamId('pathway', 'path-1'), [
      pathwayPublished({ components: ['spec-1', 'spec-2', 'spec-3'], completion: { kind: 'n-of', n: 2 } }),
    ]);
    await world.ledger.handle({
      type: 'AwardStackedCredential',
      data: {
        stackId: 'stack-1',
        pathwayId: 'path-1',
        learnerId: 'learner-1',
        componentCredentialIds: ['cred-1', 'cred-2', 'cred-3'],
      },
      metadata: metadata({ now: '2025-06-01T12:00:00.000Z' }),
    });
  });
  afterEach(() => world.store.close());
  afterAll(() => world.dir.remove());

  it('keeps a 2-of stack that loses its spare, invalidates it on the next loss, and repeats nothing', async () => {
    await revoke(3);
    await world.runToHead();
    expect(await stack()).toMatchObject({
      status: 'awarded',
      componentCredentialIds: ['cred-1', 'cred-2'],
      lostComponentIds: ['cred-3'],
      totalEcts: 10,
    });

    await revoke(2, 'issuer-request');
    await world.runToHead();
    expect(await stack()).toMatchObject({ status: 'invalidated', invalidatedBy: 'cred-2' });

    // Restarted with its checkpoint lost: every cause is handled again, and nothing is appended twice.
    world.reactorFile = world.dir.nextFile();
    await world.runToHead();
    expect(await world.types(stackStream)).toEqual([
      'StackedCredentialAwarded',
      'StackComponentLost',
      'StackedCredentialInvalidated',
    ]);
  });

  it('suspends the stack while a needed component is suspended, and reinstates it with the component', async () => {
    await revoke(3);
    const suspend = { credentialId: 'cred-2', reason: 'under-investigation' as const };
    await world.ledger.handle({ type: 'SuspendCredential', data: suspend, metadata: metadata() });
    await world.runToHead();
    expect(await stack()).toMatchObject({ status: 'suspended', suspendedComponentIds: ['cred-2'] });

    await world.ledger.handle({
      type: 'ReinstateCredential',
      data: { credentialId: 'cred-2' },
      metadata: metadata(),
    });
    await world.runToHead();
    expect(await stack()).toMatchObject({ status: 'awarded', componentCredentialIds: ['cred-1', 'cred-2'] });

    world.reactorFile = world.dir.nextFile();
    await world.runToHead();
    expect(await world.types(stackStream)).toEqual([
      'StackedCredentialAwarded',
      'StackComponentLost',
      'StackedCredentialSuspended',
      'StackedCredentialReinstated',
    ]);
  });

  it('follows a superseded component to its re-issue, even when the re-issue is recorded after the revocation', async () => {
    await seed(world.store, credential(3), [
      {
        type: 'CredentialRevoked',
        data: { credentialId: 'cred-3', issuerId: 'uni-1', reason: 'superseded', supersededBy: 'cred-4' },
      },
    ]);
    await world.runToHead();
    expect(await stack()).toMatchObject({
      status: 'awarded',
      componentCredentialIds: ['cred-1', 'cred-2', 'cred-3'],
    });

    await seed(world.store, credential(4), [
      credentialIssued({
        credentialId: 'cred-4',
        specificationId: 'spec-3',
        validUntil: '2030-01-01T00:00:00Z',
      }),
    ]);
    await world.runToHead();
    expect(await stack()).toMatchObject({
      status: 'awarded',
      componentCredentialIds: ['cred-1', 'cred-2', 'cred-4'],
      replacedComponentIds: ['cred-3'],
    });
    // The re-issue is claimed for the stack on its pathway, like the components it was awarded from.
    const { state: path } = await world.ledger.load(pathwayDecider, streamId('pathway', 'path-1'));
    expect(path).toMatchObject({ claims: { 'cred-4': 'stack-1' } });

    // The replacement backs the stack now: its revocation is followed like any component's.
    await revoke(4);
    await world.runToHead();
    expect(await stack()).toMatchObject({ status: 'awarded', lostComponentIds: ['cred-4'] });
  });
});
