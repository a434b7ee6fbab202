import type { Logger } from 'pino';
import { createProcessLogger } from '@credence/runtime';
import type { LedgerConfig } from '../config';

/** DI token of the root pino logger (pino's Logger is an interface, so it cannot be one). */
export const ROOT_LOGGER = Symbol('root pino logger');

/** The process's one pino logger (libs/runtime, shared with projector and feed-relay). */
export const createRootLogger = (log: LedgerConfig['log']): Logger => createProcessLogger('ledger-api', log);

/**
 * nestjs-pino's settings: Nest's own log calls go to the root logger, each carrying the request id
 * when made during a request. Its automatic request line is off: request-log.ts writes one line per
 * request with the route pattern and principal, which only the Fastify request knows.
 */
export const pinoHttpOptions = (logger: Logger) => ({
  pinoHttp: {
    logger,
    autoLogging: false,
    quietReqLogger: true,
  },
});
