import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../apps/ledger-api/src/auth/roles';
import { startLedger, type TestLedger } from '../support/ledger-app';

describe('Every route has a role', () => {
  let ledger: TestLedger;
  beforeAll(async () => (ledger = await startLedger()));
  afterAll(() => ledger.close());

  it('declares @Roles or @Public on every handler of every controller', () => {
    const discovery = new DiscoveryService(ledger.app.get(ModulesContainer));
    const reflector = ledger.app.get(Reflector);
    const scanner = new MetadataScanner();
    const routes: { route: string; roles?: string[]; isPublic?: boolean }[] = [];
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        routes.push({
          route: `${method} ${wrapper.name}.${name}`,
          roles: reflector.getAllAndOverride<string[]>(ROLES_KEY, [handler, wrapper.metatype as never]),
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, wrapper.metatype as never]),
        });
      }
    }
    expect(routes.length).toBeGreaterThan(20);
    const unguarded = routes.filter((r) => !r.isPublic && !(r.roles && r.roles.length > 0)).map((r) => r.route);
    expect(unguarded).toEqual([]);
    const publicRoutes = routes.filter((r) => r.isPublic).map((r) => r.route);
    // Public by nature: health, and the console's static files and public verification page (no data in them).
    expect(publicRoutes.sort()).toEqual(['GET ConsoleController.file', 'GET ConsoleController.index', 'GET ConsoleController.verify', 'GET HealthController.health']);
  });

  it('refuses a malformed correlation id before anything is appended', async () => {
    const reply = await ledger.request('POST', '/v1/issuers', {
      token: 'cred_e2e-admin-token-0123456789abcdef',
      body: { legalName: 'X', country: 'NL', registrationId: 'R' },
      headers: { 'x-correlation-id': 'a'.repeat(300) },
    });
    expect(reply.status).toBe(400);
  });
});
