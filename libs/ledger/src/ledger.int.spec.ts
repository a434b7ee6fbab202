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

  it('evicts the least recently used state beyond its capacity', () => {
    const cache = new StateCache(2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.get('a');
    cache.set('c', 3, 0);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ state: 1, version: 0 });
    expect(cache.get('c')).toEqual({ state: 3, version: 0 });
  });
});
