import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusEntryDoc } from '../projections/status-entries';
import { ReadModelDatabase } from '../store/database';
import { migrateTableSet } from '../store/table-set';
import { describeEachReadModelStore } from '../testing/read-model-targets';
import { queryStatusListBits, statusListBitsReader } from './status-list-bits';

const ISSUER = 'iss-1';

/** The row the status_entries projection writes for a credential holding `index` on both lists 0. */
const put = async (
  rm: ReadModelDatabase,
  credentialId: string,
  index: number,
  flags: Partial<StatusEntryDoc>,
) => {
  const doc: StatusEntryDoc = {
    credentialId,
    issuerId: ISSUER,
    positions: [
      { purpose: 'revocation', list: 0, index },
      { purpose: 'suspension', list: 0, index },
    ],
    revoked: false,
    suspended: false,
    ...flags,
  };
  const columns = {
    doc: JSON.stringify(doc),
    revoked: doc.revoked ? 1 : 0,
    suspended: doc.suspended ? 1 : 0,
  };
  await rm.db
    .insertInto('status_entries')
    .values({ id: credentialId, issuer_id: ISSUER, ...columns })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(columns))
    .execute();
};

/*
 * The bits reader keeps each list while the read models are unchanged; a write by this process's
 * connection (the projector's) or by another connection (another process on the same data dir)
 * must show on the very next read.
 */
describeEachReadModelStore('the status list bits reader', (target) => {
  let dataDir: string;
  let rm: ReadModelDatabase;
  let elsewhere: ReadModelDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-status-bits-'));
    rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir });
    await migrateTableSet(rm);
    elsewhere = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir });
  });
  afterAll(async () => {
    await elsewhere?.close();
    await rm?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a change written here or by another connection on the next read, and the kept bits until then', async () => {
    // Given a revoked credential and an active one, read once
    await put(rm, 'c-1', 1, { revoked: true });
    await put(rm, 'c-2', 2, {});
    const bitsOf = statusListBitsReader(rm);
    const revoked = () => bitsOf(ISSUER, 'revocation', 0);
    const suspended = () => bitsOf(ISSUER, 'suspension', 0);
    const first = await revoked();

    // When nothing changes, then this process revokes, then another connection suspends and revokes,
    // then the suspension is lifted
    const unchanged = await revoked();
    await put(rm, 'c-2', 2, { revoked: true });
    const afterOwnWrite = await revoked();
    await put(elsewhere, 'c-3', 3, { revoked: true, suspended: true });
    const afterOtherWrite = [await revoked(), await suspended()];
    await put(elsewhere, 'c-3', 3, { revoked: true, suspended: false });
    const afterReinstatement = await suspended();

    // Then each read is the list as it stands; on SQLite the unchanged list is the kept array itself
    expect(first).toEqual([1]);
    expect(unchanged).toEqual(first);
    expect(unchanged === first).toBe(target.name === 'sqlite'); // PostgreSQL queries every time
    expect(afterOwnWrite).toEqual([1, 2]);
    expect(afterOtherWrite).toEqual([[1, 2, 3], [3]]);
    expect(afterReinstatement).toEqual([]);
    expect(afterReinstatement).toEqual(await queryStatusListBits(rm, ISSUER, 'suspension', 0));
  });

  it("checking once per turn, answers another connection's change in the next turn", async () => {
    // Given a reader that checks for changes once per event-loop turn, and a list read once
    await put(rm, 'c-4', 4, {});
    const bitsOf = statusListBitsReader(rm, { oncePerTurn: true });
    const suspended = () => bitsOf(ISSUER, 'suspension', 0);
    const first = await suspended();

    // When another connection suspends a credential, then a later turn reads the list
    await new Promise((turn) => setImmediate(turn));
    await put(elsewhere, 'c-4', 4, { suspended: true });
    await new Promise((turn) => setImmediate(turn));
    const nextTurn = await suspended();

    // Then the later turn reads the change
    expect(first).not.toContain(4);
    expect(nextTurn).toContain(4);
  });
});
