import type { FastifyInstance } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';
import { type Logger, stdSerializers } from 'pino';
import { createProcessLogger } from '@credence/runtime';
import type { LedgerConfig } from '../config';

/** DI token of the root pino logger (pino's Logger is an interface, so it cannot be one). */
export const ROOT_LOGGER = Symbol('root pino logger');

/** The process's one pino logger (libs/runtime, shared with projector and feed-relay). */
export const createRootLogger = (log: LedgerConfig['log']): Logger => createProcessLogger('ledger-api', log);

/**
 * pino-http builds, for every request, a logger bound to the whole request (`req`: headers
 * serialised and redacted) that only its automatic request line writes to. That line is off, so
 * the binding is dropped instead of built: it was a tenth of a cached GET's CPU (issue 20).
 */
const unusedRequestBinding = (): undefined => undefined;

/**
 * nestjs-pino's settings: Nest's own log calls go to the root logger, each carrying the request id
 * when made during a request (bindLogsToRequest). Its automatic request line is off: request-log.ts
 * writes one line per request with the route pattern and principal, which only the Fastify request
 * knows. Serializers unwrapped: `res` and `err` as pino-http would set them, `req` never written.
 *
 * No middleware (`forRoutes: []`): nestjs-pino's ran pino-http through Nest's middleware layer on
 * every request (middie, a path match, two child loggers, its bookkeeping on req and res) only to
 * bind that id, a tenth of a cheap route's CPU (issue 20); bindLogsToRequest does it in one hook.
 */
export const pinoHttpOptions = (logger: Logger) => ({
  forRoutes: [],
  pinoHttp: {
    logger,
    autoLogging: false,
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: { req: unusedRequestBinding, res: stdSerializers.res, err: stdSerializers.err },
  },
});

/**
 * Nest's log calls made while a request is served carry its id (Fastify's, the one its request line
 * and X-Correlation-Id show), as nestjs-pino's middleware bound them; every request, matched or not.
 */
export const bindLogsToRequest = (fastify: FastifyInstance, logger: PinoLogger): void => {
  fastify.addHook('onRequest', (request, _reply, done) =>
    logger.runInContext(done, { bindings: { reqId: request.id } }),
  );
};
