import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HealthReport = Readonly<{ healthy: boolean; body: unknown }>;

/**
 * GET /health for the headless processes (projector, feed-relay): 200 when the report says healthy,
 * 503 when not or when the report itself fails; the JSON body says why.
 */
export const serveHealth = (
  port: number,
  report: () => HealthReport | Promise<HealthReport>,
): Promise<Server> => {
  const server = createServer((request, response) => {
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
