import { openNote, parseCheckpoint, parseVerifierKey } from '@credence/transparency';
import {
  rfcLeafHash,
  rfcVerifyConsistency,
  rfcVerifyInclusion,
} from '@credence/transparency/testing/rfc9162-verifier';
import { accreditedIssuer, expectCreated, issuerBody, type World } from '../support/fixtures';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';

const b64 = (hashes: string[]) => hashes.map((h) => Buffer.from(h, 'base64'));

describe('The transparency log over HTTP', () => {
  let ledger: TestLedger;
  let world: World;
  beforeAll(async () => {
    ledger = await startLedger({ CREDENCE_CHECKPOINT_INTERVAL_MS: '60000' });
    world = await accreditedIssuer(ledger);
  });
  afterAll(() => ledger.close());

  const signNow = async () => {
    const reply = await ledger.request('POST', '/v1/log/checkpoint', { token: ADMIN_TOKEN });
    expect(reply.status).toBe(201);
    const vkey = (await ledger.request('GET', '/v1/log/key')).body.trim();
    return parseCheckpoint(openNote(reply.body, parseVerifierKey(vkey)).text);
  };
  const allEvents = async () =>
    (await ledger.request('GET', '/v1/events?limit=1000', { token: world.auditorToken })).body.events;

  it('signs a checkpoint over every event, each event carrying its leafIndex and an inclusion proof that verifies', async () => {
    // Given the events so far and a checkpoint signed now
    const checkpoint = await signNow();
    const events = await allEvents();
    // Then the checkpoint covers them all, and the published note is the same
    expect(checkpoint.treeSize).toBe(events.length);
    expect(checkpoint.origin).toBe('credence.localhost/log');
    expect((await ledger.request('GET', '/v1/log/checkpoint')).headers.get('content-type')).toMatch(
      /^text\/plain/,
    );
    for (const [i, event] of events.entries()) {
      expect(event.leafIndex).toBe(i);
      const proof = await ledger.request(
        'GET',
        `/v1/log/proofs/inclusion?leafIndex=${i}&treeSize=${checkpoint.treeSize}`,
      );
      expect(proof.body).toMatchObject({ leafIndex: i, treeSize: checkpoint.treeSize });
      const leaf = rfcLeafHash(Buffer.from(event.hash, 'hex'));
      expect(
        rfcVerifyInclusion(i, checkpoint.treeSize, leaf, b64(proof.body.hashes), checkpoint.rootHash),
      ).toBe(true);
      const published = await ledger.request('GET', `/v1/log/leaves/${i}`);
      expect(published.body).toEqual({
        leafIndex: i,
        leafHash: leaf.toString('base64'),
        eventHash: event.hash,
      });
    }
  });

  it('proves the later tree consistent with the earlier one, and keeps the earlier checkpoint', async () => {
    const before = await signNow();
    expectCreated(
      await ledger.request('POST', '/v1/issuers', {
        token: world.qaToken,
        body: { ...issuerBody, registrationId: 'KVK-2' },
      }),
    );
    const after = await signNow();
    expect(after.treeSize).toBeGreaterThan(before.treeSize);
    const proof = await ledger.request(
      'GET',
      `/v1/log/proofs/consistency?from=${before.treeSize}&to=${after.treeSize}`,
    );
    expect(proof.body).toMatchObject({ from: before.treeSize, to: after.treeSize });
    expect(
      rfcVerifyConsistency(
        before.treeSize,
        after.treeSize,
        before.rootHash,
        after.rootHash,
        b64(proof.body.hashes),
      ),
    ).toBe(true);
    const old = await ledger.request('GET', `/v1/log/checkpoint?treeSize=${before.treeSize}`);
    expect(old.body).toContain(`\n${before.treeSize}\n${before.rootHash.toString('base64')}\n`);
  });

  it("shows leafIndex on a stream's events too", async () => {
    const events = await allEvents();
    const stream = await ledger.request('GET', `/v1/streams/${events[1].streamId}/events`, {
      token: world.auditorToken,
    });
    const byId = new Map(events.map((e: { eventId: string; leafIndex: number }) => [e.eventId, e.leafIndex]));
    for (const event of stream.body.events) expect(event.leafIndex).toBe(byId.get(event.eventId));
  });

  it.each([
    ['/v1/log/checkpoint?treeSize=0', 'request.invalid'],
    ['/v1/log/checkpoint?treeSize=999999', 'log.size-out-of-range'],
    ['/v1/log/proofs/inclusion?leafIndex=3&treeSize=3', 'log.leaf-out-of-range'],
    ['/v1/log/proofs/inclusion?leafIndex=0&treeSize=0', 'request.invalid'],
    ['/v1/log/proofs/inclusion?leafIndex=0&treeSize=999999', 'log.size-out-of-range'],
    ['/v1/log/proofs/inclusion?leafIndex=x&treeSize=2', 'request.invalid'],
    ['/v1/log/proofs/consistency?from=3&to=2', 'log.size-out-of-range'],
    ['/v1/log/proofs/consistency?from=1', 'request.invalid'],
    ['/v1/log/leaves/999999', 'log.leaf-out-of-range'],
    ['/v1/log/leaves/-1', 'log.leaf-out-of-range'],
  ])('answers %s with 400 problem+json %s', async (path, code) => {
    const reply = await ledger.request('GET', path);
    expect([reply.status, reply.body.code]).toEqual([400, code]);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('rate-limits the public log routes with their own limit, not the general public one', async () => {
    const limited = await ledger.request('GET', '/v1/log/key');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('600');
    // Other public routes keep the configured public limit (raised by the test harness).
    expect((await ledger.request('GET', '/health')).headers.get('x-ratelimit-limit')).toBe('1000000');
  });
});
