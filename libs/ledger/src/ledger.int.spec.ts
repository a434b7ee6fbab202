import { type Command, PRINCIPALS_STREAM, principalsDecider } from '@credence/domain';
import { handleCommand } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { metadataFor, tempDir } from '@credence/event-store/testing';
import { Ledger, RulesGate } from './ledger';
import { StateCache } from './state-cache';

type Counted = { type: 'Counted'; data: { n: number } };
const counter = {
  decide: (command: Command<'Count', { n: number }>) => [
    { type: 'Counted' as const, data: { n: command.data.n } },
  ],
  evolve: (total: number, event: Counted) => total + event.data.n,
  initialState: () => 0,
};
class NoRules extends RulesGate {
  check = async <C>(command: C) => command;
}

describe('Ledger.load with its state cache', () => {
  const dir = tempDir('ledger');
  afterAll(() => dir.remove());

  it('folds what another process appended after the cached version', async () => {
    const file = dir.nextFile();
    const here = SqliteEventStore.open({ path: file });
    const elsewhere = SqliteEventStore.open({ path: file });
    const ledger = new Ledger(here, new NoRules());
    const count = (n: number) => ({ type: 'Count' as const, data: { n }, metadata: metadataFor() });

    await handleCommand(here, counter, 'counter-1', count(2));
    expect(await ledger.load(counter, 'counter-1')).toEqual({ state: 2, version: 0 });
    await handleCommand(elsewhere, counter, 'counter-1', count(5));
    await handleCommand(elsewhere, counter, 'counter-1', count(7));
    expect(await ledger.load(counter, 'counter-1')).toEqual({ state: 14, version: 2 });
    expect(await ledger.load(counter, 'counter-2')).toEqual({ state: 0, version: -1 });
    await Promise.all([here.close(), elsewhere.close()]);
  });

  it('given a cached state, when nothing was committed anywhere since, then it is trusted without a read; an append by this process to another stream leaves it trusted', async () => {
    const file = dir.nextFile();
    const here = SqliteEventStore.open({ path: file });
    const ledger = new Ledger(here, new NoRules());
    const count = (n: number) => ({ type: 'Count' as const, data: { n }, metadata: metadataFor() });
    await handleCommand(here, counter, 'counter-1', count(2));
    await ledger.load(counter, 'counter-1');
    const reads = jest.spyOn(here, 'readStream');

    await handleCommand(here, counter, 'counter-2', count(3));
    const loaded = await ledger.load(counter, 'counter-1');

    expect(loaded).toEqual({ state: 2, version: 0 });
    expect(reads.mock.calls.filter(([stream]) => stream === 'counter-1')).toEqual([]);
    await handleCommand(here, counter, 'counter-1', count(4));
    expect(await ledger.load(counter, 'counter-1')).toEqual({ state: 6, version: 1 });
    await here.close();
  });

  it('given a command this process appended, when its stream is loaded, then the state the append derived is kept without a read, equal to the state read back', async () => {
    const file = dir.nextFile();
    const here = SqliteEventStore.open({ path: file });
    const ledger = new Ledger(here, new NoRules());
    await ledger.handle({
      type: 'CreatePrincipal',
      data: { principalId: 'p-1', role: 'auditor', name: 'audit desk' },
      metadata: metadataFor(),
    });
    const reads = jest.spyOn(here, 'readStream');

    const kept = await ledger.load(principalsDecider, PRINCIPALS_STREAM);

    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    const readBack = await new Ledger(here, new NoRules()).load(principalsDecider, PRINCIPALS_STREAM);
    expect(kept).toStrictEqual(readBack);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(readBack));
    await here.close();
  });

  it('given a stream not there yet, when it is loaded again with nothing committed, then it is not read again; once another process appends to it, it is', async () => {
    const file = dir.nextFile();
    const here = SqliteEventStore.open({ path: file });
    const elsewhere = SqliteEventStore.open({ path: file });
    const ledger = new Ledger(here, new NoRules());
    expect(await ledger.load(counter, 'counter-3')).toEqual({ state: 0, version: -1 });
    const reads = jest.spyOn(here, 'readStream');

    expect(await ledger.load(counter, 'counter-3')).toEqual({ state: 0, version: -1 });
    expect(reads).not.toHaveBeenCalled();
    await handleCommand(elsewhere, counter, 'counter-3', {
      type: 'Count' as const,
      data: { n: 5 },
      metadata: metadataFor(),
    });

    expect(await ledger.load(counter, 'counter-3')).toEqual({ state: 5, version: 0 });
    await Promise.all([here.close(), elsewhere.close()]);
  });

  const principalCommand = (
    type: 'CreatePrincipal' | 'RotatePrincipalToken',
    principalId: string,
    commandId?: string,
  ) =>
    type === 'CreatePrincipal'
      ? {
          type,
          data: { principalId, role: 'auditor' as const, name: 'audit desk' },
          metadata: metadataFor(commandId),
        }
      : { type, data: { principalId }, metadata: metadataFor(commandId) };

  it('given a stream whose state is cached, when a command is handled on it, then the stream is not read and the decision is appended after the cached version', async () => {
    const here = SqliteEventStore.open({ path: dir.nextFile() });
    const ledger = new Ledger(here, new NoRules());
    await ledger.handle(principalCommand('CreatePrincipal', 'p-1'));
    const reads = jest.spyOn(here, 'readStream');

    const rotated = await ledger.handle(principalCommand('RotatePrincipalToken', 'p-1'));

    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(rotated).toMatchObject({ version: 1, replayed: false });
    expect((await here.readStream(PRINCIPALS_STREAM)).map((e) => e.type)).toEqual([
      'PrincipalCreated',
      'PrincipalTokenRotated',
    ]);
    await here.close();
  });

  it('given a command this process handled, when it is handled again with the same command id, then the first events are replayed and nothing is appended', async () => {
    const here = SqliteEventStore.open({ path: dir.nextFile() });
    const ledger = new Ledger(here, new NoRules());
    await ledger.handle(principalCommand('CreatePrincipal', 'p-1'));
    // A rotation is always a new token: decided again, it would append a second one.
    const first = await ledger.handle(principalCommand('RotatePrincipalToken', 'p-1', 'rotate-1'));

    const again = await ledger.handle(principalCommand('RotatePrincipalToken', 'p-1', 'rotate-1'));

    expect(again).toMatchObject({
      replayed: true,
      version: 1,
      position: first.position,
      events: first.events,
    });
    expect(await here.readStream(PRINCIPALS_STREAM)).toHaveLength(2);
    await here.close();
  });

  it('given a cached stream, when another process appends to it or handles the same command, then the next command here is decided on its events, and the same command is replayed', async () => {
    const file = dir.nextFile();
    const here = SqliteEventStore.open({ path: file });
    const elsewhere = SqliteEventStore.open({ path: file });
    const ledger = new Ledger(here, new NoRules());
    const other = new Ledger(elsewhere, new NoRules());
    await ledger.handle(principalCommand('CreatePrincipal', 'p-1'));
    await other.handle(principalCommand('CreatePrincipal', 'p-2'));
    const rotatedThere = await other.handle(principalCommand('RotatePrincipalToken', 'p-1', 'rotate-1'));

    // p-2 is unknown to the state cached here: decided on that, the rotation would be refused.
    const rotated = await ledger.handle(principalCommand('RotatePrincipalToken', 'p-2'));
    const replayed = await ledger.handle(principalCommand('RotatePrincipalToken', 'p-1', 'rotate-1'));

    expect(rotated).toMatchObject({ version: 3, replayed: false });
    expect(replayed).toMatchObject({ replayed: true, events: rotatedThere.events });
    expect(await here.readStream(PRINCIPALS_STREAM)).toHaveLength(4);
    await Promise.all([here.close(), elsewhere.close()]);
  });

  it('evicts the least recently used state beyond its capacity', () => {
    const cache = new StateCache(2);
    cache.set('a', { state: 1, version: 0, position: null });
    cache.set('b', { state: 2, version: 0, position: null });
    cache.get('a');
    cache.set('c', { state: 3, version: 0, position: null });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ state: 1, version: 0, position: null });
    expect(cache.get('c')).toEqual({ state: 3, version: 0, position: null });
  });
});
