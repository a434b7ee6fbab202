import Database from 'better-sqlite3';
import { streamId } from '@credence/domain';
import { issuerRegistered, specificationPublished } from '../../domain/src/test-fixtures';
import { LedgerReactor, type Reaction } from './reactor';
import { reactorWorld, seed } from './testing/reactor-world';

describe('The ledger reactor, one batch at a time', () => {
  const world = reactorWorld('reactor');

  beforeEach(async () => {
    world.open();
    await seed(world.store, streamId('issuer', 'uni-1'), [issuerRegistered()]);
    await seed(world.store, streamId('specification', 'spec-1'), [specificationPublished()]);
  });
  afterEach(() => world.store.close());
  afterAll(() => world.dir.remove());

  it("keeps none of a batch's index rows, nor its checkpoint, when a reaction fails in it", async () => {
    let failed: () => void = () => undefined;
    const failure = new Promise<void>((resolve) => (failed = resolve));
    const indexing: Reaction = {
      types: ['IssuerRegistered', 'SpecificationPublished'],
      setup: (db) => db.exec('CREATE TABLE seen (event_id TEXT PRIMARY KEY)'),
      handle: (event, { db }) => void db.prepare('INSERT INTO seen VALUES (?)').run(event.eventId),
    };
    // The second event's reaction fails after the first event's row was written.
    const failingOnSpecifications: Reaction<'SpecificationPublished'> = {
      types: ['SpecificationPublished'],
      handle: async () => {
        failed();
        throw new Error('reaction failed');
      },
    };
    const reactor = new LedgerReactor(world.ledger, world.store, world.reactorFile, [
      indexing,
      failingOnSpecifications,
    ]);
    const subscription = reactor.start();
    await failure;
    await subscription.stop().catch(() => undefined);

    const file = new Database(world.reactorFile, { readonly: true });
    try {
      expect(file.prepare('SELECT count(*) AS n FROM seen').get()).toEqual({ n: 0 });
      expect(reactor.checkpoint()).toBeNull();
    } finally {
      file.close();
    }
  });
});
