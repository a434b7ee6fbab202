import type { Logger } from '@nestjs/common';
import type { FeedLogger } from '@credence/feed';

/** The feed's logger interface over a Nest logger. */
export const feedLogger = (logger: Logger): FeedLogger => ({
  info: (m: unknown) => logger.log(m),
  warn: (m: unknown) => logger.warn(m),
  error: (m: unknown) => logger.error(m),
});
