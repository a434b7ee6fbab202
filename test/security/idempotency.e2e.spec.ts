import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY } from '../../apps/ledger-api/src/auth/roles';
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

describe('Which routes the idempotency interceptor runs on', () => {
  let ledger: TestLedger;
  beforeAll(async () => (ledger = await startLedger()));
  afterAll(() => ledger.close());

  it('every POST route of every module that takes a token, and no other route (a GET or a public POST answers without an rxjs pipeline)', () => {
    const scanner = new MetadataScanner();
    const intercepted: Record<string, boolean> = {};
    for (const { metatype, name } of new DiscoveryService(
      ledger.app.get(ModulesContainer),
    ).getControllers()) {
      const prototype = (metatype as { prototype: Record<string, object> }).prototype;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const interceptors: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];
        const isPublic = [handler, prototype.constructor].some(
          (target) => Reflect.getMetadata(PUBLIC_KEY, target) === true,
        );
        intercepted[`${isPublic ? 'public ' : ''}${verb} ${name}.${method}`] = interceptors.length === 1;
      }
    }
    const entries = Object.entries(intercepted);
    expect(entries.filter(([route]) => route.startsWith('POST ')).length).toBeGreaterThan(10);
    // Verification is the public POST: no interceptor, as no principal could ever be recorded under it.
    expect(entries.some(([route]) => route.startsWith('public POST '))).toBe(true);
    expect(entries.filter(([route, yes]) => yes !== route.startsWith('POST '))).toEqual([]);
  });

  it('replays a keyed POST of a second app in the same process from its own records', async () => {
    const other = await startLedger();
    try {
      const body = { role: 'auditor', name: 'Second app auditor' };
      const send = (app: TestLedger) =>
        app.request('POST', '/v1/principals', {
          token: ADMIN_TOKEN,
          body,
          headers: { 'idempotency-key': 'second-app-key' },
        });
      const first = await send(other);
      const replay = await send(other);
      expect([first.status, replay.status]).toEqual([201, 201]);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(first.body.id);
      // The first app never saw the key: it creates its own principal.
      const elsewhere = await send(ledger);
      expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
      expect(elsewhere.body.id).not.toBe(first.body.id);
    } finally {
      await other.close();
    }
  });
});
