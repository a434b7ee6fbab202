import { STATUS_LIST_LENGTH, streamId } from '@credence/domain';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { tempDir } from '@credence/event-store/testing';
import {
  assessmentRecorded,
  issuerAccredited,
  issuerRegistered,
  specificationPublished,
} from '../../domain/src/test-fixtures';
import { Ledger } from './ledger';
import { issue, metadata, NoRules, seed } from './testing/reactor-world';
import { candidateIndex, DRAWS_PER_LIST, findStatusPositions } from './status-claims';

describe('Status list indexes claimed at issuance', () => {
  const dir = tempDir('status-claims');
  let store: SqliteEventStore;
  let ledger: Ledger;
  const positionsOf = async (n: number) => {
    const [issued] = await store.readStream(streamId('credential', `cred-${n}`), { maxCount: 1 });
    return findStatusPositions(ledger, issued!.metadata.commandId, 'uni-1', `cred-${n}`);
  };

  beforeEach(async () => {
    store = SqliteEventStore.open({ path: dir.nextFile() });
    ledger = new Ledger(store, new NoRules());
    await seed(store, streamId('issuer', 'uni-1'), [issuerRegistered(), issuerAccredited()]);
    await seed(store, streamId('specification', 'spec-1'), [specificationPublished()]);
    for (let n = 0; n < 30; n++)
      await seed(store, streamId('assessment', `asmt-${n}`), [
        assessmentRecorded({ assessmentId: `asmt-${n}` }),
      ]);
  });
  afterEach(() => store.close());
  afterAll(() => dir.remove());

  it('given a command id, draws the candidates earlier versions drew (a recovered issuance walks them again)', () => {
    expect([
      candidateIndex('issue-4', 'suspension', 0, 3),
      candidateIndex('7c1e0a9e-4c1b-4d8e-9a3f-2b6f1d0c5e7a', 'revocation', 2, 15),
      candidateIndex('ä€😀', 'revocation', 0, 0),
    ]).toEqual([98740, 59711, 124121]);
  });

  it('given 30 concurrent issuances, when they finish, then each credential holds its own index in each list', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, n) => issue(ledger, n)));

    const all = await Promise.all(Array.from({ length: 30 }, (_, n) => positionsOf(n)));
    for (const purpose of ['revocation', 'suspension'] as const) {
      const mine = all.map((positions) => positions.find((p) => p.purpose === purpose)!);
      expect(new Set(mine.map((p) => `${p.list}/${p.index}`)).size).toBe(30);
      mine.forEach((p) => expect(p.index).toBeLessThan(STATUS_LIST_LENGTH));
    }
    const claims = (await store.readAll()).filter((e) => e.type === 'StatusIndexClaimed');
    expect(claims).toHaveLength(60); // recorded in the log: a projection rebuilds the lists from it
  });

  it('given a retried issuance, when it runs again with the same command id, then it claims nothing new', async () => {
    await issue(ledger, 1, 'issue-1');
    const before = await positionsOf(1);
    await issue(ledger, 1, 'issue-1');

    expect(await positionsOf(1)).toEqual(before);
    expect((await store.readAll()).filter((e) => e.type === 'StatusIndexClaimed')).toHaveLength(2);
  });

  it('given an issuance, when it claims its status indexes, then their streams, new as they are, are not read first', async () => {
    const reads = jest.spyOn(store, 'readStream');

    await issue(ledger, 3);

    const indexReads = reads.mock.calls.filter(([stream]) => stream.startsWith(streamId('status-index', '')));
    reads.mockRestore();
    expect(indexReads).toEqual([]);
    expect((await positionsOf(3)).map((p) => p.purpose)).toEqual(['revocation', 'suspension']);
  });

  it('given an issuance alone, when it runs, then its two claims share one commit: four appends in three', async () => {
    const before = store.stats;

    await issue(ledger, 5);

    expect(store.stats.appends - before.appends).toBe(4);
    expect(store.stats.transactions - before.transactions).toBe(3);
  });

  it('given candidates claimed by another process, when the credential is issued, then they are found taken and the walk draws on', async () => {
    const elsewhere = new Ledger(store, new NoRules()); // its own cache: this ledger knows none of its claims
    for (let draw = 0; draw < 3; draw++) {
      await elsewhere.handle({
        type: 'ClaimStatusIndex',
        data: {
          issuerId: 'uni-1',
          purpose: 'suspension',
          list: 0,
          index: candidateIndex('issue-4', 'suspension', 0, draw),
          credentialId: `other-${draw}`,
        },
        metadata: metadata(),
      });
    }

    await issue(ledger, 4, 'issue-4');

    expect((await positionsOf(4)).find((p) => p.purpose === 'suspension')).toEqual({
      purpose: 'suspension',
      list: 0,
      index: candidateIndex('issue-4', 'suspension', 0, 3),
    });
    expect((await store.readAll()).filter((e) => e.type === 'StatusIndexClaimed')).toHaveLength(5);
  });

  it("given list 0's candidates all taken, when the credential is issued, then it opens list 1", async () => {
    for (let draw = 0; draw < DRAWS_PER_LIST; draw++) {
      await ledger.handle({
        type: 'ClaimStatusIndex',
        data: {
          issuerId: 'uni-1',
          purpose: 'revocation',
          list: 0,
          index: candidateIndex('issue-2', 'revocation', 0, draw),
          credentialId: `other-${draw}`,
        },
        metadata: metadata(),
      });
    }
    await issue(ledger, 2, 'issue-2');

    const positions = await positionsOf(2);
    expect(positions.find((p) => p.purpose === 'revocation')).toEqual({
      purpose: 'revocation',
      list: 1,
      index: candidateIndex('issue-2', 'revocation', 1, 0),
    });
    expect(positions.find((p) => p.purpose === 'suspension')?.list).toBe(0);
  });
});
