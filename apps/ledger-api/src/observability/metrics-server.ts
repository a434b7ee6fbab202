import { createServer, type Server } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LedgerConfig } from '../config';
import { Metrics } from './metrics';

/**
 * METRICS_PORT: `/metrics` without authentication, for a scraper on the same host or private
 * network. Bound to METRICS_HOST (127.0.0.1 by default), never to the API's interface.
 */
export const serveMetrics = (metrics: Metrics, port: number, host: string): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      metrics.scrape().then(
        (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });

/** Runs the METRICS_PORT listener for as long as the app runs, when configured. */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly config: LedgerConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.metrics) return;
    const { port, host } = this.config.metrics;
    this.server = await serveMetrics(this.metrics, port, host);
    new Logger('Metrics').log(`Prometheus metrics on http://${host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
