import Database from 'better-sqlite3';
import type { EventStore } from '../event-store';
import { describeEventStoreContract, type EventStoreContractFactory, tempDir } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const contractFactory = (writerThread: boolean): EventStoreContractFactory => {
  const dir = tempDir(writerThread ? 'sqlite-contract-thread' : 'sqlite-contract');
  const paths = new WeakMap<EventStore, string>();

  const openAt = (path: string) => {
    const store = SqliteEventStore.open({ path, writerThread });
    paths.set(store, path);
    return store;
  };

  const pathOf = (store: EventStore) => {
    const path = paths.get(store);
    if (!path) throw new Error('not a store this factory opened');
    return path;
  };

  return {
    open: async () => openAt(dir.nextFile()),
    reopen: async (store) => {
      await store.close();
      return openAt(pathOf(store));
    },
    // A second connection edits the row directly, as someone with the file could.
    tamper: async (store, event) => {
      const db = new Database(pathOf(store));
      try {
        db.prepare("UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE event_id = ?").run(
          event.eventId,
        );
      } finally {
        db.close();
      }
    },
    cleanup: async () => dir.remove(),
  };
};

describeEventStoreContract('SQLite (files in a temp dir)', contractFactory(false));
describeEventStoreContract('SQLite, appends written by a worker thread', contractFactory(true));
