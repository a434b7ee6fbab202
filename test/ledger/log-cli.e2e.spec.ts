import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '@credence/event-store/testing';
import { rfcLeafHash, rfcVerifyInclusion } from '@credence/transparency/testing/rfc9162-verifier';
import { openNote, parseCheckpoint, parseVerifierKey } from '@credence/transparency';
import { audit } from '../../apps/cli/src/log/audit';
import { prove } from '../../apps/cli/src/log/prove';
import { FORK_EXIT_CODE, witness } from '../../apps/cli/src/log/witness';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  issuerBody,
  specificationBody,
  type World,
} from '../support/fixtures';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';

const LOG_KEY = randomBytes(32).toString('hex');
const dir = tempDir('log-cli');
afterAll(() => dir.remove());

const output = () => {
  const lines: string[] = [];
  return { lines, out: (line: string) => lines.push(line), text: () => lines.join('\n') };
};
const signNow = (ledger: TestLedger) => ledger.request('POST', '/v1/log/checkpoint', { token: ADMIN_TOKEN });
const addIssuers = async (ledger: TestLedger, world: World, count: number) => {
  for (let i = 0; i < count; i++) {
    expectCreated(
      await ledger.request('POST', '/v1/issuers', {
        token: world.qaToken,
        body: { ...issuerBody, registrationId: `R-${randomBytes(4).toString('hex')}` },
      }),
    );
  }
};
const startWith = async (issuers: number) => {
  const ledger = await startLedger({ CREDENCE_LOG_KEY: LOG_KEY, CREDENCE_CHECKPOINT_INTERVAL_MS: '60000' });
  const world = await accreditedIssuer(ledger);
  await addIssuers(ledger, world, issuers);
  await signNow(ledger);
  return { ledger, world };
};

describe('credence log audit: re-hashing the log against the signed checkpoint', () => {
  let ledger: TestLedger;
  let world: World;
  let db: Database.Database;
  beforeAll(async () => {
    ({ ledger, world } = await startWith(3));
    db = new Database(join(ledger.dataDir, 'events.sqlite'));
  });
  afterAll(async () => {
    db.close();
    await ledger.close();
  });

  const auditNow = async () => {
    const o = output();
    return {
      code: await audit({ api: ledger.baseUrl, token: world.auditorToken, pageSize: 3, out: o.out }),
      text: o.text(),
    };
  };
  /** Tampers, audits, and puts the pristine rows back, so cases stay independent. */
  const whileTampered = async (tamper: () => void) => {
    db.transaction(tamper).immediate();
    try {
      return await auditNow();
    } finally {
      db.transaction(() =>
        db.exec('DELETE FROM events; INSERT INTO events SELECT * FROM pristine'),
      ).immediate();
    }
  };
  beforeAll(() => db.exec('CREATE TEMP TABLE pristine AS SELECT * FROM events'));

  it('passes on the untouched log', async () => {
    const { code, text } = await auditNow();
    expect([code, text]).toEqual([0, expect.stringMatching(/^ok: \d+ events re-hashed/)]);
  });

  it('fails when one byte of one stored event changed', async () => {
    const { code, text } = await whileTampered(() =>
      db
        .prepare(
          "UPDATE events SET data = replace(data, 'Hogeschool Utrecht', 'Hogeschool UtrecHt') WHERE global_position = (SELECT min(global_position) FROM events WHERE data LIKE '%Hogeschool Utrecht%')",
        )
        .run(),
    );
    expect([code, text]).toEqual([1, expect.stringContaining('hash does not match the content')]);
  });

  it('fails when one event was deleted', async () => {
    const { code, text } = await whileTampered(() =>
      db.prepare('DELETE FROM events WHERE global_position = 3').run(),
    );
    expect([code, text]).toEqual([1, expect.stringMatching(/AUDIT FAILED/)]);
  });

  it('fails when two events swapped places', async () => {
    const { code, text } = await whileTampered(() => {
      const last = (db.prepare('SELECT max(global_position) AS n FROM events').get() as { n: number }).n;
      db.prepare('UPDATE events SET global_position = -1 WHERE global_position = ?').run(last);
      db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?').run(last, last - 1);
      db.prepare('UPDATE events SET global_position = ? WHERE global_position = -1').run(last - 1);
    });
    expect([code, text]).toEqual([1, expect.stringMatching(/AUDIT FAILED: the root over the \d+ events/)]);
  });
});

describe('credence log verify: a witness of the checkpoints', () => {
  it('accepts a growing log, then reports a fork signed with the same key and a shrunk log, exiting 2', async () => {
    const state = dir.nextFile('witness');
    const honest = await startWith(1);
    const forked = await startWith(6);
    try {
      // Given a witness that saw the honest log, and saw it grow
      const first = output();
      expect(await witness({ api: honest.ledger.baseUrl, state, out: first.out })).toBe(0);
      expect(first.text()).toMatch(/Pinned the log key on first use/);
      await addIssuers(honest.ledger, honest.world, 2);
      await signNow(honest.ledger);
      const grown = output();
      expect(await witness({ api: honest.ledger.baseUrl, state, out: grown.out })).toBe(0);
      expect(grown.text()).toMatch(/^ok: tree size \d+ is consistent with \d+$/);
      // When the same key signs a larger tree over a different history
      const fork = output();
      expect(await witness({ api: forked.ledger.baseUrl, state, out: fork.out })).toBe(FORK_EXIT_CODE);
      // Then it prints both signed checkpoints as evidence
      expect(fork.text()).toMatch(
        /LOG INCONSISTENT: the tree of size \d+ does not extend the tree of size \d+ \(a fork\)/,
      );
      const notes = fork
        .text()
        .split(/Checkpoint (?:seen before|served now):\n/)
        .slice(1);
      const vkey = parseVerifierKey((await honest.ledger.request('GET', '/v1/log/key')).body.trim());
      expect(
        notes.map((note) => parseCheckpoint(openNote(note.trim() + '\n', vkey).text).treeSize),
      ).toHaveLength(2);

      // And a witness that saw the larger tree reports the smaller one as shrunk
      const shrinkState = dir.nextFile('shrink');
      expect(await witness({ api: forked.ledger.baseUrl, state: shrinkState, out: () => undefined })).toBe(0);
      const shrunk = output();
      expect(await witness({ api: honest.ledger.baseUrl, state: shrinkState, out: shrunk.out })).toBe(
        FORK_EXIT_CODE,
      );
      expect(shrunk.text()).toMatch(/the tree shrank from \d+ to \d+/);
    } finally {
      await honest.ledger.close();
      await forked.ledger.close();
    }
  });
});

describe('credence log prove', () => {
  it("prints a credential's events with inclusion proofs under the latest checkpoint", async () => {
    const { ledger, world } = await startWith(0);
    try {
      const issuer = { token: world.issuerToken };
      const spec = expectCreated(
        await ledger.request('POST', '/v1/specifications', { ...issuer, body: specificationBody }),
      );
      const assessment = expectCreated(
        await ledger.request('POST', '/v1/assessments', { ...issuer, body: assessmentBody(spec) }),
      );
      const credential = expectCreated(
        await ledger.request('POST', '/v1/credentials', {
          ...issuer,
          body: credentialBody(spec, [assessment]),
        }),
      );
      await signNow(ledger);
      const proofs = await prove({
        api: ledger.baseUrl,
        token: world.auditorToken,
        credentialId: credential,
      });
      const checkpoint = parseCheckpoint(proofs.checkpoint);
      expect(proofs.events.length).toBeGreaterThan(0);
      for (const event of proofs.events) {
        const leaf = rfcLeafHash(Buffer.from(event.eventHash, 'hex'));
        const hashes = event.hashes.map((h) => Buffer.from(h, 'base64'));
        expect(
          rfcVerifyInclusion(event.leafIndex, checkpoint.treeSize, leaf, hashes, checkpoint.rootHash),
        ).toBe(true);
      }
    } finally {
      await ledger.close();
    }
  });
});
