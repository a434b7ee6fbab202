import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export type HealthReport = Readonly<{ healthy: boolean; body: unknown }>;

const scrape = (registry: Registry, response: ServerResponse): void => {
  registry.metrics().then(
    (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
    (error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : String(error)),
  );
};

/**
 * GET /health for the headless processes (projector, feed-relay): 200 when the report says healthy,
 * 503 when not or when the report itself fails; the JSON body says why. With `metrics`, GET
 * /metrics on the same port answers the Prometheus text format, unauthenticated like /health: bind
 * HEALTH_PORT to a private interface.
 */
export const serveHealth = (
  port: number,
  report: () => HealthReport | Promise<HealthReport>,
  metrics?: Registry,
): Promise<Server> => {
  const server = createServer((request, response) => {
    if (metrics && request.method === 'GET' && request.url === '/metrics') {
      scrape(metrics, response);
      return;
    }
    if (request.method !== 'GET' || request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    Promise.resolve()
      .then(report)
      .then(
        ({ healthy, body }) => {
          response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
          response.end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              state: 'unavailable',
              error: error instanceof Error ? error.message : String(error),
            }),
          );
        },
      );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
};

export const portOf = (server: Server): number => (server.address() as AddressInfo).port;
