import { randomUUID } from 'node:crypto';
import type { AnyEvent, CommandMetadata } from '@credence/domain';
import { EVENT_SCHEMA_VERSIONS, type CredenceEventType } from '@credence/domain';
import type { EventStore } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { tempDir } from '@credence/event-store/testing';
import { actingAs } from '../../../domain/src/test-fixtures';
import { Ledger, RulesGate } from '../ledger';
import { LedgerReactor } from '../reactor';
import { LEDGER_REACTIONS } from '../reactions';

/** Test support for the reaction specs: a real SQLite store, a Ledger without rules, the reactor. */

/** A gate that lets every command through: these specs are about what the ledger does, not the rules. */
export class NoRules extends RulesGate {
  check = async <C>(command: C) => command;
}

export const NOW = '2025-06-01T00:00:00.000Z';

export const metadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => {
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

/** Issues `cred-<n>` for `learner-1` under `spec-1`, citing `asmt-<n>` (seed those first). */
export const issue = (ledger: Ledger, n: number, commandId: string = randomUUID()) =>
  ledger.handle({
    type: 'IssueCredential',
    data: {
      credentialId: `cred-${n}`,
      specificationId: 'spec-1',
      learnerId: 'learner-1',
      assessmentIds: [`asmt-${n}`],
      validFrom: '2025-06-01T00:00:00Z',
    },
    metadata: metadata({ commandId }),
  });

/** Appends recorded facts as they would stand in the log, without deciding them. */
export const seed = async (store: EventStore, stream: string, events: AnyEvent[]) =>
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

export const eventually = async (probe: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await probe()); i++) await new Promise((r) => setTimeout(r, 50));
};

/** A fresh store and reactor file per test; `restart` runs a reactor until `until` holds, then stops it. */
export const reactorWorld = (name: string) => {
  const dir = tempDir(name);
  const world = {
    store: undefined as unknown as SqliteEventStore,
    ledger: undefined as unknown as Ledger,
    reactorFile: '',
    dir,
    open: () => {
      world.store = SqliteEventStore.open({ path: dir.nextFile() });
      world.reactorFile = dir.nextFile();
      world.ledger = new Ledger(world.store, new NoRules());
    },
    reactor: () => new LedgerReactor(world.ledger, world.store, world.reactorFile, LEDGER_REACTIONS),
    types: async (stream: string) => (await world.store.readStream(stream)).map((e) => e.type),
    /** Runs a reactor until it has handled the whole log, then stops it. */
    runToHead: async () => {
      const reactor = world.reactor();
      reactor.start();
      await eventually(async () => reactor.checkpoint() === (await world.store.headPosition()));
      await reactor.stop();
    },
  };
  return world;
};
