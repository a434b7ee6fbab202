import { createServer, type Server } from 'node:http';
import { isHealthy, type RelayHealth } from '@credence/feed';

/** GET /health: 200 while the relay publishes (or waits for events), 503 while Kafka is down or after a failure. */
export const serveHealth = (port: number, health: () => RelayHealth): Promise<Server> => {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    const current = health();
    response.writeHead(isHealthy(current) ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify(current));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
};
