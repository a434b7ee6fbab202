import { DomainError, pathwayDecider, streamId } from '@credence/domain';
import { deterministicEventId } from '@credence/event-store';
import {
  credentialIssued,
  issuerAccredited,
  issuerRegistered,
  pathwayPublished,
} from '../../../domain/src/test-fixtures';
import { metadata, reactorWorld, seed } from '../testing/reactor-world';

describe('A credential backs at most one stack per pathway', () => {
  const world = reactorWorld('stack-claims');
  const award = (stackId: string, componentCredentialIds: string[], commandId?: string) =>
    world.ledger.handle({
      type: 'AwardStackedCredential',
      data: { stackId, pathwayId: 'path-1', learnerId: 'learner-1', componentCredentialIds },
      metadata: metadata(commandId ? { commandId } : {}),
    });
  const claims = async () => {
    const { state } = await world.ledger.load(pathwayDecider, streamId('pathway', 'path-1'));
    return state.status === 'published' ? state.claims : null;
  };
  const code = (error: unknown) => (error instanceof DomainError ? error.code : String(error));

  beforeEach(async () => {
    world.open();
    await seed(world.store, streamId('issuer', 'uni-1'), [issuerRegistered(), issuerAccredited()]);
    // cred-1 and cred-3 attest spec-1, cred-2 spec-2; the pathway wants both specs.
    for (const [n, spec] of [
      [1, 'spec-1'],
      [2, 'spec-2'],
      [3, 'spec-1'],
    ] as const) {
      await seed(world.store, streamId('credential', `cred-${n}`), [
        credentialIssued({ credentialId: `cred-${n}`, specificationId: spec }),
      ]);
    }
    await seed(world.store, streamId('pathway', 'path-1'), [pathwayPublished()]);
  });
  afterEach(() => world.store.close());
  afterAll(() => world.dir.remove());

  it('lets exactly one of 12 concurrent awards of the same components win', async () => {
    const stackIds = Array.from({ length: 12 }, (_, i) => `stack-${i}`);
    const outcomes = await Promise.allSettled(stackIds.map((id) => award(id, ['cred-1', 'cred-2'])));
    const won = stackIds.filter((_, i) => outcomes[i].status === 'fulfilled');
    expect(won).toHaveLength(1);
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [code(o.reason)] : []));
    expect(refusals).toEqual(Array(11).fill('stack.component-reused'));
    expect(await claims()).toEqual({ 'cred-1': won[0], 'cred-2': won[0] });
    const stacks = await Promise.all(stackIds.map((id) => world.types(streamId('stack', id))));
    expect(stacks.filter((types) => types.length > 0)).toHaveLength(1);
  });

  it('refuses a second stack that reuses a component, naming the stack that holds it', async () => {
    await award('stack-1', ['cred-1', 'cred-2']);
    await expect(award('stack-2', ['cred-3', 'cred-2'])).rejects.toMatchObject({
      code: 'stack.component-reused',
      details: { components: [{ credentialId: 'cred-2', stackId: 'stack-1' }] },
    });
    expect(await world.types(streamId('stack', 'stack-2'))).toEqual([]);
  });

  it('finishes an award that crashed between the claim and the stack, once', async () => {
    // What the live path appended before the crash: the claim, made with the step's derived id.
    await world.ledger.handle({
      type: 'ClaimStackComponents',
      data: {
        pathwayId: 'path-1',
        stackId: 'stack-1',
        componentCredentialIds: ['cred-1', 'cred-2'],
        award: { commandId: 'award-1', learnerId: 'learner-1' },
      },
      metadata: metadata({ commandId: deterministicEventId('award-1', 'claim', 0) }),
    });
    await world.runToHead();
    const [awarded] = await world.store.readStream(streamId('stack', 'stack-1'));
    expect(awarded).toMatchObject({ type: 'StackedCredentialAwarded', metadata: { commandId: 'award-1' } });

    // The client's retry is answered from the log; a restart with its checkpoint lost adds nothing.
    expect((await award('stack-1', ['cred-1', 'cred-2'], 'award-1')).replayed).toBe(true);
    world.reactorFile = world.dir.nextFile();
    await world.runToHead();
    expect(await world.types(streamId('stack', 'stack-1'))).toEqual(['StackedCredentialAwarded']);
    expect(await world.types(streamId('pathway', 'path-1'))).toEqual([
      'PathwayPublished',
      'PathwayComponentsClaimed',
    ]);
  });

  it('releases the components of an invalidated stack, so they may back another', async () => {
    await award('stack-1', ['cred-1', 'cred-2']);
    await world.ledger.handle({
      type: 'RevokeCredential',
      data: { credentialId: 'cred-1', reason: 'fraud' },
      metadata: metadata(),
    });
    await world.runToHead();
    expect(await world.types(streamId('stack', 'stack-1'))).toContain('StackedCredentialInvalidated');
    expect(await claims()).toEqual({});

    await award('stack-2', ['cred-3', 'cred-2']);
    expect(await claims()).toEqual({ 'cred-3': 'stack-2', 'cred-2': 'stack-2' });
  });
});
