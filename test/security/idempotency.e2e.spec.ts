import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';

describe('Idempotency records never hold or replay a token', () => {
  let ledger: TestLedger;
  beforeAll(async () => (ledger = await startLedger()));
  afterAll(() => ledger.close());

  const create = () =>
    ledger.request('POST', '/v1/principals', {
      token: ADMIN_TOKEN,
      body: { role: 'auditor', name: 'Replayed auditor' },
      headers: { 'idempotency-key': 'principal-once' },
    });

  /** Every byte the API wrote to its data directory, WAL and shared memory included. */
  const dataDirHolds = (secret: string) =>
    readdirSync(ledger.dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .some((entry) => readFileSync(join(entry.parentPath, entry.name)).includes(secret));

  it('shows the token once, not cacheable, stores no trace of it, and replays the principal without it', async () => {
    const first = await create();
    expect(first.status).toBe(201);
    const token = first.body.token as string;
    expect(token).toMatch(/^cred_[A-Za-z0-9_-]{43}$/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(dataDirHolds(token)).toBe(false);

    const replay = await create();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: first.body.id, role: 'auditor', name: 'Replayed auditor' });
    expect(replay.body).not.toHaveProperty('token');
    expect(JSON.stringify(replay.body)).not.toContain(token);
    // The token still works: the replay withheld it, it did not reissue one.
    expect((await ledger.request('GET', '/v1/rulesets', { token })).status).toBe(200);
  });

  it('marks every other response uncacheable too only where it carries a token', async () => {
    const list = await ledger.request('GET', '/v1/rulesets', { token: ADMIN_TOKEN });
    expect(list.headers.get('cache-control')).not.toBe('no-store');
  });
});
