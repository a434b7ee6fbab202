import pino, { type Logger } from 'pino';
import type { LedgerConfig } from '../config';

/**
 * Paths pino blanks in any log line, whatever logged it: a second line of defence behind the
 * request log, which never copies headers or bodies in the first place.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'identityHash',
  '*.identityHash',
  '*.*.identityHash',
  'body',
  '*.body',
];

/** DI token of the root pino logger (pino's Logger is an interface, so it cannot be one). */
export const ROOT_LOGGER = Symbol('root pino logger');

/** The process's one pino logger: JSON lines on stdout, or pino-pretty for a person at a terminal. */
export const createRootLogger = (log: LedgerConfig['log']): Logger =>
  pino(
    {
      level: log.level,
      base: { service: 'ledger-api' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      ...(log.format === 'pretty'
        ? {
            transport: {
              target: 'pino-pretty',
              options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
            },
          }
        : {}),
    },
    log.format === 'pretty' ? undefined : pino.destination({ dest: 1, sync: true }),
  );

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
