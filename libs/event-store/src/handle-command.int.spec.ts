import type { Command, Decider, Event } from '@credence/domain';
import { ConcurrencyError } from './errors';
import { deterministicEventId, handleCommand } from './handle-command';
import { SqliteEventStore } from './sqlite';
import { metadataFor, newEvent, rejectionOf, tempDir } from './testing';

/** A refusal as deciders throw them; the store only has to pass it through untouched. */
class Refusal extends Error {
  constructor(
    readonly kind: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Light = { status: 'off' } | { status: 'on'; brightness: number };
type Switch = Command<'SwitchOn', { brightness: number }>;
type SwitchedOn = Event<'SwitchedOn', { brightness: number }>;

const light: Decider<Light, Switch, SwitchedOn> = {
  decide: (command, state) => {
    if (command.data.brightness <= 0)
      throw new Refusal('invalid', 'light.dark', 'brightness must be positive');
    if (state.status === 'on' && state.brightness === command.data.brightness) return [];
    return [{ type: 'SwitchedOn', data: command.data }];
  },
  evolve: (_, event) => ({ status: 'on', brightness: event.data.brightness }),
  initialState: () => ({ status: 'off' }),
};

const switchOn = (brightness: number): Switch => ({
  type: 'SwitchOn',
  data: { brightness },
  metadata: metadataFor(),
});

const dir = tempDir('handle-command');
let store: SqliteEventStore;
beforeEach(() => {
  store = SqliteEventStore.open({ path: dir.nextFile() });
});
afterEach(() => store.close());
afterAll(() => dir.remove());

describe('handleCommand', () => {
  it('stores events with ids derived from the command and its metadata as provenance', async () => {
    const command = switchOn(3);
    const { events } = await handleCommand(store, light, 'light-1', command);
    expect(events[0]).toMatchObject({
      eventId: deterministicEventId(command.metadata.commandId, 'light-1', 0),
      type: 'SwitchedOn',
      schemaVersion: 1,
      data: { brightness: 3 },
      metadata: command.metadata,
    });
  });

  it('appends nothing when the decision is already in effect', async () => {
    const first = await handleCommand(store, light, 'light-1', switchOn(3));
    const again = await handleCommand(store, light, 'light-1', switchOn(3));
    expect(again).toEqual({
      state: first.state,
      events: [],
      version: 0,
      position: first.position,
      replayed: false,
    });
    expect(await store.readStream('light-1')).toHaveLength(1);
  });

  it('lets prepare() change the command that is decided and stored', async () => {
    const stamp = { id: 'rules', version: '1', hash: 'abc' };
    const { events } = await handleCommand(store, light, 'light-1', switchOn(3), {
      prepare: (command) => ({ ...command, metadata: { ...command.metadata, ruleset: stamp } }),
    });
    expect(events[0].metadata.ruleset).toEqual(stamp);
  });

  it('passes a refusal from decide through and appends nothing', async () => {
    const error = await rejectionOf(handleCommand(store, light, 'light-1', switchOn(0)));
    expect(error).toMatchObject({ kind: 'invalid', code: 'light.dark' });
    expect(await store.readStream('light-1')).toEqual([]);
  });

  it('gives up with ConcurrencyError after maxRetries when writers keep winning', async () => {
    let prepared = 0;
    const alwaysOvertaken = async (command: Switch) => {
      prepared += 1;
      await store.append('light-1', [{ ...newEvent(), type: 'SwitchedOn', data: { brightness: prepared } }]);
      return command;
    };
    const error = await rejectionOf(
      handleCommand(store, light, 'light-1', switchOn(9), { prepare: alwaysOvertaken, maxRetries: 2 }),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(prepared).toBe(3);
  });
});

describe('handleCommand with the caller event schema versions', () => {
  it('writes each event in the schema version the store was opened with, and 1 for an unlisted type', async () => {
    const versioned = SqliteEventStore.open({ path: dir.nextFile(), schemaVersions: { SwitchedOn: 3 } });
    try {
      const { events } = await handleCommand(versioned, light, 'light-1', switchOn(3));
      expect(events[0].schemaVersion).toBe(3);
      expect(versioned.schemaVersionOf('Unlisted')).toBe(1);
    } finally {
      await versioned.close();
    }
  });
});
