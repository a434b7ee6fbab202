import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';

/**
 * SIGTERM (and SIGINT) without losing a request: stop accepting connections, let requests in flight
 * finish (answered with `Connection: close`, so keep-alive clients do not send more), cut what is
 * still open after `drainMs`, then close the app: its shutdown hooks stop the projector and the
 * relay at a checkpoint, flush the group commit and close the stores. Exits 0 when all of that
 * went well. Call before listen: the hook must be in place before Fastify starts.
 */
export const shutDownGracefully = (
  app: NestFastifyApplication,
  options: Readonly<{ drainMs: number; logger: Logger }>,
): void => {
  const fastify = app.getHttpAdapter().getInstance();
  const log = options.logger.child({ context: 'Shutdown' });
  let draining = false;
  fastify.addHook('onSend', (_request, reply, _payload, done) => {
    if (draining) void reply.header('connection', 'close');
    done();
  });

  const drain = async (): Promise<void> => {
    const server = fastify.server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => {
      log.warn({ drainMs: options.drainMs }, 'drain time is up: closing the connections still open');
      server.closeAllConnections();
    }, options.drainMs);
    await closed;
    clearTimeout(deadline);
  };

  let shuttingDown: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    shuttingDown ??= (async () => {
      draining = true;
      log.info({ signal }, 'stopping: no new connections, draining requests in flight');
      await drain();
      log.info('requests drained; stopping the projector and relay, flushing and closing the stores');
      await app.close();
      log.info('stopped');
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
};
