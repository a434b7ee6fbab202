import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HealthReport = Readonly<{ healthy: boolean; body: unknown }>;

/** GET /health: 200 while the projector runs, 503 while it retries a failure; the body says why. */
export const serveHealth = (port: number, report: () => Promise<HealthReport>): Promise<Server> => {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    report().then(
      ({ healthy, body }) => {
        response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      },
      (error: unknown) => {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ state: 'unavailable', error: error instanceof Error ? error.message : String(error) }));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
};

export const portOf = (server: Server): number => (server.address() as AddressInfo).port;
