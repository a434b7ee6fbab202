import type { Command, Decider, Event } from '@credence/domain';
import { ConcurrencyError } from '../errors';
import { handleCommand } from '../handle-command';
import { metadataFor, newEvent, rejectionOf, uniqueStream, type ContractContext } from './fixtures';

type Tally = { status: 'counting'; total: number };
type Add = Command<'Add', { by: number }>;
/** 'Added' is listed in CONTRACT_EVENT_TYPES. */
type Added = Event<'Added', { by: number }>;

/** The smallest decider that still has a no-op: adding 0 changes nothing. */
const tally: Decider<Tally, Add, Added> = {
  decide: (command) => (command.data.by === 0 ? [] : [{ type: 'Added', data: { by: command.data.by } }]),
  evolve: (state, event) => ({ status: 'counting', total: state.total + event.data.by }),
  initialState: () => ({ status: 'counting', total: 0 }),
};

type Claim = Command<'Claim', { by: string }>;
/** 'Claimed' is listed in CONTRACT_EVENT_TYPES. */
type Claimed = Event<'Claimed', { by: string }>;
/** First come, first served: the reservation shape "one assessment, one credential" relies on. */
const claim: Decider<string | null, Claim, Claimed> = {
  decide: (command, holder) => {
    if (holder === command.data.by) return [];
    if (holder !== null) throw new Error(`held by ${holder}`);
    return [{ type: 'Claimed', data: { by: command.data.by } }];
  },
  evolve: (_, event) => event.data.by,
  initialState: () => null,
};

const add = (by: number): Add => ({ type: 'Add', data: { by }, metadata: metadataFor() });
/** What another writer appends directly, bypassing handleCommand. */
const added = (by: number) => ({ ...newEvent(), type: 'Added', data: { by } });

export const describeHandleCommandContract = ({ store }: ContractContext): void => {
  describe('handleCommand', () => {
    it('appends the decision and returns the folded state', async () => {
      const stream = uniqueStream('tally');
      await handleCommand(store(), tally, stream, add(2));
      const result = await handleCommand(store(), tally, stream, add(3));
      expect(result).toMatchObject({ state: { total: 5 }, version: 1, replayed: false });
      expect(result.position).toBe(result.events[0].globalPosition);
      expect((await store().readStream(stream)).map((e) => e.data)).toEqual([{ by: 2 }, { by: 3 }]);
    });

    it('replays a command already handled: nothing appended, the first events returned', async () => {
      const stream = uniqueStream('tally');
      const command = add(4);
      const first = await handleCommand(store(), tally, stream, command);
      const again = await handleCommand(store(), tally, stream, command);
      expect(again).toMatchObject({
        replayed: true,
        version: 0,
        position: first.position,
        events: first.events,
      });
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('refuses, without retrying, an explicit expected version another writer moved on', async () => {
      const stream = uniqueStream('tally');
      await handleCommand(store(), tally, stream, add(1));
      let prepared = 0;
      const intrude = async (command: Add) => {
        prepared += 1;
        await store().append(stream, [added(7)]);
        return command;
      };
      const error = await rejectionOf(
        handleCommand(store(), tally, stream, add(5), { expectedVersion: 0, prepare: intrude }),
      );
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(prepared).toBe(1);
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('lets exactly one of 30 concurrent first-come claims win; the others are refused on re-read', async () => {
      const stream = uniqueStream('claim');
      const racers = Array.from({ length: 30 }, (_, i) =>
        handleCommand(store(), claim, stream, {
          type: 'Claim',
          data: { by: `c${i}` },
          metadata: metadataFor(),
        }),
      );
      const settled = await Promise.allSettled(racers);
      const won = settled.filter((s) => s.status === 'fulfilled');
      const refused = settled
        .filter((s) => s.status === 'rejected')
        .map((s) => (s as PromiseRejectedResult).reason);
      expect(won).toHaveLength(1);
      refused.forEach((error) => expect(String(error)).toMatch(/held by c\d+/));
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('given the state from the caller, when the command is decided, then the stream is not read and the decision is appended after that version', async () => {
      const stream = uniqueStream('tally');
      const first = await handleCommand(store(), tally, stream, add(2));
      const reads = jest.spyOn(store(), 'readStream');
      const known = {
        state: { status: 'counting', total: 2 } as const,
        version: 0,
        position: first.position,
      };

      const result = await handleCommand(store(), tally, stream, add(3), { current: () => known });

      expect(reads).not.toHaveBeenCalled();
      reads.mockRestore();
      expect(result).toMatchObject({ state: { total: 5 }, version: 1, replayed: false });
      expect((await store().readStream(stream)).map((e) => e.data)).toEqual([{ by: 2 }, { by: 3 }]);
    });

    it('given a state from the caller that another writer has moved past, when the command is appended, then the stream is read and the command decided again on it', async () => {
      const stream = uniqueStream('tally');
      const first = await handleCommand(store(), tally, stream, add(2));
      await store().append(stream, [added(10)]);
      const stale = {
        state: { status: 'counting', total: 2 } as const,
        version: 0,
        position: first.position,
      };

      const result = await handleCommand(store(), tally, stream, add(3), { current: () => stale });

      expect(result).toMatchObject({ state: { total: 15 }, version: 2, replayed: false });
      expect((await store().readStream(stream)).map((e) => e.data)).toEqual([
        { by: 2 },
        { by: 10 },
        { by: 3 },
      ]);
    });

    it('given a stream the caller holds to be absent, when the decision appends nothing, then the stream is read for its version and position', async () => {
      const stream = uniqueStream('tally');
      const first = await handleCommand(store(), tally, stream, add(2));
      const absent = { state: tally.initialState(), version: -1, position: null };

      const result = await handleCommand(store(), tally, stream, add(0), { current: () => absent });

      expect(result).toMatchObject({ version: 0, position: first.position, events: [], replayed: false });
    });

    it('given a state from the caller and a stale expected version, when the command is handled, then it is refused as a conflict', async () => {
      const stream = uniqueStream('tally');
      await handleCommand(store(), tally, stream, add(2));
      const second = await handleCommand(store(), tally, stream, add(3));
      const known = { state: second.state, version: second.version, position: second.position };

      const error = await rejectionOf(
        handleCommand(store(), tally, stream, add(4), { expectedVersion: 0, current: () => known }),
      );

      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('re-reads and decides again when a concurrent writer got there first', async () => {
      const stream = uniqueStream('tally');
      let prepared = 0;
      const intrudeOnce = async (command: Add) => {
        if ((prepared += 1) === 1) await store().append(stream, [added(10)]);
        return command;
      };
      const result = await handleCommand(store(), tally, stream, add(1), { prepare: intrudeOnce });
      expect(prepared).toBe(2);
      expect(result).toMatchObject({ state: { total: 11 }, version: 1, replayed: false });
      expect((await store().readStream(stream)).map((e) => e.data)).toEqual([{ by: 10 }, { by: 1 }]);
    });
  });
};
