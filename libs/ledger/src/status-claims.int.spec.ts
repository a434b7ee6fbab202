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

  const claimOne = (purpose: 'revocation' | 'suspension', index: number, credentialId: string, list = 0) =>
    ledger.handle({
      type: 'ClaimStatusIndex',
      data: { issuerId: 'uni-1', purpose, list, index, credentialId },
      metadata: metadata(),
    });
  const claimsIn = async (type: string) => (await store.readAll()).filter((e) => e.type === type);

  it('given 30 concurrent issuances, when they finish, then each credential holds its own index in each list', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, n) => issue(ledger, n)));

    const all = await Promise.all(Array.from({ length: 30 }, (_, n) => positionsOf(n)));
    for (const purpose of ['revocation', 'suspension'] as const) {
      const mine = all.map((positions) => positions.find((p) => p.purpose === purpose)!);
      expect(new Set(mine.map((p) => `${p.list}/${p.index}`)).size).toBe(30);
      mine.forEach((p) => expect(p.index).toBeLessThan(STATUS_LIST_LENGTH));
    }
    all.forEach(([revocation, suspension]) =>
      expect({ ...suspension, purpose: 'revocation' }).toEqual(revocation),
    ); // one index, the same in both lists
    // Recorded in the log, one event a credential: a projection rebuilds both lists from it.
    expect(await claimsIn('StatusIndexesClaimed')).toHaveLength(30);
    expect(await claimsIn('StatusIndexClaimed')).toHaveLength(0);
  });

  it('given a retried issuance, when it runs again with the same command id, then it claims nothing new', async () => {
    await issue(ledger, 1, 'issue-1');
    const before = await positionsOf(1);
    await issue(ledger, 1, 'issue-1');

    expect(await positionsOf(1)).toEqual(before);
    expect(await claimsIn('StatusIndexesClaimed')).toHaveLength(1);
  });

  it('given an issuance, when it claims its status indexes, then the claimed stream, new as it is, is not read first; only its suspension twin is', async () => {
    const reads = jest.spyOn(store, 'readStream');

    await issue(ledger, 3);

    const indexReads = reads.mock.calls
      .map(([stream]) => stream)
      .filter((stream) => stream.startsWith(streamId('status-index', '')));
    reads.mockRestore();
    const [revocation] = await positionsOf(3);
    expect(indexReads).toEqual([streamId('status-index', `uni-1/suspension/0/${revocation!.index}`)]);
    expect((await positionsOf(3)).map((p) => p.purpose)).toEqual(['revocation', 'suspension']);
  });

  it('given an issuance alone, when it runs, then it appends three times: the reservation, one claim for both lists, the credential', async () => {
    const before = store.stats;

    await issue(ledger, 5);

    expect(store.stats.appends - before.appends).toBe(3);
    expect(store.stats.transactions - before.transactions).toBe(3);
  });

  it('given candidates claimed by another process, when the credential is issued, then they are found taken and the walk draws on', async () => {
    const elsewhere = new Ledger(store, new NoRules()); // its own cache: this ledger knows none of its claims
    for (let draw = 0; draw < 3; draw++) {
      await elsewhere.handle({
        type: 'ClaimStatusIndexes',
        data: {
          issuerId: 'uni-1',
          list: 0,
          index: candidateIndex('issue-4', 'revocation', 0, draw),
          credentialId: `other-${draw}`,
        },
        metadata: metadata(),
      });
    }

    await issue(ledger, 4, 'issue-4');

    const index = candidateIndex('issue-4', 'revocation', 0, 3);
    expect(await positionsOf(4)).toEqual([
      { purpose: 'revocation', list: 0, index },
      { purpose: 'suspension', list: 0, index },
    ]);
    expect(await claimsIn('StatusIndexesClaimed')).toHaveLength(4);
  });

  it("given list 0's candidates all taken, when the credential is issued, then it opens list 1", async () => {
    for (let draw = 0; draw < DRAWS_PER_LIST; draw++)
      await claimOne('revocation', candidateIndex('issue-2', 'revocation', 0, draw), `other-${draw}`);
    await issue(ledger, 2, 'issue-2');

    const index = candidateIndex('issue-2', 'revocation', 1, 0);
    expect(await positionsOf(2)).toEqual([
      { purpose: 'revocation', list: 1, index },
      { purpose: 'suspension', list: 1, index },
    ]);
  });

  describe('beside claims made before joint claims (one per list)', () => {
    it('given a credential issued with one claim per list, when its positions are looked up, then both are found', async () => {
      const [revocation, suspension] = [
        candidateIndex('issue-8', 'revocation', 0, 0),
        candidateIndex('issue-8', 'suspension', 0, 0),
      ];
      await claimOne('revocation', revocation, 'cred-8');
      await claimOne('suspension', suspension, 'cred-8');

      expect(await findStatusPositions(ledger, 'issue-8', 'uni-1', 'cred-8')).toEqual([
        { purpose: 'revocation', list: 0, index: revocation },
        { purpose: 'suspension', list: 0, index: suspension },
      ]);
    });

    it('given a suspension index held by an older claim, when an issuance draws its number, then it draws on, and the lookup walks past it too', async () => {
      const first = candidateIndex('issue-7', 'revocation', 0, 0);
      await claimOne('suspension', first, 'other-1');

      await issue(ledger, 7, 'issue-7');

      const index = candidateIndex('issue-7', 'revocation', 0, 1);
      expect(await positionsOf(7)).toEqual([
        { purpose: 'revocation', list: 0, index },
        { purpose: 'suspension', list: 0, index },
      ]);
      expect(await claimsIn('StatusIndexesClaimed')).toHaveLength(1);
    });

    it('given an issuance that claimed its revocation index alone before the change, when it is recovered, then it claims a suspension index alone and keeps the one it holds', async () => {
      const revocation = candidateIndex('issue-6', 'revocation', 0, 0);
      await claimOne('revocation', revocation, 'cred-6');

      await issue(ledger, 6, 'issue-6');

      const expected = [
        { purpose: 'revocation', list: 0, index: revocation },
        { purpose: 'suspension', list: 0, index: candidateIndex('issue-6', 'suspension', 0, 0) },
      ];
      expect(await positionsOf(6)).toEqual(expected);
      expect(await claimsIn('StatusIndexesClaimed')).toHaveLength(0);
      expect((await claimsIn('StatusIndexClaimed')).map((e) => e.data)).toEqual(
        expected.map((p) => ({ issuerId: 'uni-1', ...p, credentialId: 'cred-6' })),
      );
    });

    it('given such a recovered issuance whose suspension candidate another credential holds by a joint claim, when it claims, then it draws on, and the lookup walks past it too', async () => {
      const revocation = candidateIndex('issue-9', 'revocation', 0, 0);
      await claimOne('revocation', revocation, 'cred-9');
      const jointlyHeld = candidateIndex('issue-9', 'suspension', 0, 0);
      await ledger.handle({
        type: 'ClaimStatusIndexes',
        data: { issuerId: 'uni-1', list: 0, index: jointlyHeld, credentialId: 'other-1' },
        metadata: metadata(),
      });

      await issue(ledger, 9, 'issue-9');

      expect(await positionsOf(9)).toEqual([
        { purpose: 'revocation', list: 0, index: revocation },
        { purpose: 'suspension', list: 0, index: candidateIndex('issue-9', 'suspension', 0, 1) },
      ]);
    });

    it('given a credential issued before status lists, when its positions are looked up, then it has none', async () => {
      expect(await findStatusPositions(ledger, 'issue-0', 'uni-1', 'cred-0')).toEqual([]);
    });
  });
});
