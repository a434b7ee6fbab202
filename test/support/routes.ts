import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import {
  ApplicationConfig,
  DiscoveryService,
  MetadataScanner,
  ModulesContainer,
  Reflector,
} from '@nestjs/core';
import { isRouteExcluded } from '@nestjs/core/router/utils/exclude-route.util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { PUBLIC_KEY, ROLES_KEY } from '../../apps/ledger-api/src/auth/roles';

type Dto = new () => object;

export type Route = Readonly<{
  /** `Controller.handler`, stable across runs. */
  name: string;
  method: string;
  /** As Fastify serves it, with `:param` placeholders, global prefix included. */
  url: string;
  params: readonly string[];
  roles: readonly string[];
  isPublic: boolean;
  routeConfig: Record<string, unknown> | undefined;
  body?: Dto;
  query?: Dto;
}>;

const join = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

/** The argument of `type` (Body, Query) a handler declares, with the class Nest validates it as. */
const argumentType = (controller: object, handler: string, type: RouteParamtypes): Dto | undefined => {
  const args: Record<string, { index: number }> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, handler) ?? {};
  const types: Dto[] = Reflect.getMetadata('design:paramtypes', controller, handler) ?? [];
  const entry = Object.entries(args).find(([key]) => key.split(':')[0] === String(type));
  return entry ? types[entry[1].index] : undefined;
};

/**
 * Every route the app serves, read from the Nest metadata (never a hand-kept list) and checked
 * against Fastify's router, so a route the metadata misdescribes fails here rather than escaping.
 */
export const routeTable = (app: NestFastifyApplication): Route[] => {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const scanner = new MetadataScanner();
  // Routes excluded from the /v1 prefix (the public issuer profile) can share a path with a /v1 route.
  const excluded = app.get(ApplicationConfig).getGlobalPrefixOptions().exclude ?? [];
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object;
    const prototype = Object.getPrototypeOf(instance);
    const controllerPath: string = Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object);
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const path: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const unprefixed = join(controllerPath, path);
      const candidates = isRouteExcluded(excluded, unprefixed, RequestMethod[method as 'GET'])
        ? [unprefixed]
        : [join('v1', controllerPath, path), unprefixed];
      const url = candidates.find((candidate) =>
        fastify.hasRoute({ method: method as 'GET', url: candidate }),
      );
      if (!url)
        throw new Error(
          `${wrapper.name}.${name}: ${method} ${join(controllerPath, path)} is not in Fastify's router`,
        );
      const targets = [handler, wrapper.metatype as never];
      routes.push({
        name: `${wrapper.name}.${name}`,
        method,
        url,
        params: [...url.matchAll(/:(\w+)/g)].map((m) => m[1]),
        roles: reflector.getAllAndOverride<string[]>(ROLES_KEY, targets) ?? [],
        isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
        routeConfig: Reflect.getMetadata('__fastify_route_config__', handler),
        body: argumentType(instance, name, RouteParamtypes.BODY),
        query: argumentType(instance, name, RouteParamtypes.QUERY),
      });
    }
  }
  return routes;
};
