import pino, { type Logger } from 'pino';
import { oneOf, readEnv } from '@credence/config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogSettings = Readonly<{ level: LogLevel; format: 'json' | 'pretty' }>;

/** LOG_LEVEL and LOG_FORMAT, read the same way by every app; a bad value stops start-up. */
export const logSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): LogSettings => ({
  level: oneOf('LOG_LEVEL', readEnv('LOG_LEVEL', env), LOG_LEVELS),
  format: oneOf('LOG_FORMAT', readEnv('LOG_FORMAT', env), ['json', 'pretty']),
});

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

/**
 * A process's one pino logger: JSON lines on stdout, each naming the `service`, or pino-pretty for
 * a person at a terminal. ledger-api, projector and feed-relay all log through one of these.
 */
export const createProcessLogger = (service: string, log: LogSettings): Logger =>
  pino(
    {
      level: log.level,
      base: { service },
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

/** The console-shaped logger the libraries take (the feed relay's FeedLogger, say), writing to pino. */
export const consoleOf = (logger: Logger): Pick<Console, 'info' | 'warn' | 'error'> => ({
  info: (...parts: unknown[]) => logger.info(parts.map(String).join(' ')),
  warn: (...parts: unknown[]) => logger.warn(parts.map(String).join(' ')),
  error: (...parts: unknown[]) => logger.error(parts.map(String).join(' ')),
});
