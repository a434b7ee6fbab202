import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export class TooManyFailedAuthentications extends HttpException {
  constructor() {
    super(
      'Too many failed authentications from this address; retry after the time in Retry-After',
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Counts one failed authentication for the request's client address (the limiter is created in
 * security/register-security.ts). Past CREDENCE_AUTH_FAILURE_LIMIT per window, failures answer 429
 * instead of 401, so guessing tokens meets throttling; a valid token is never refused by it, so a
 * shared address (NAT) cannot lock out a legitimate client.
 */
export const countAuthFailure = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const limit = await request.server.credenceAuthFailures(request);
  if (!limit.isAllowed && limit.isExceeded) {
    void reply.header('retry-after', String(limit.ttlInSeconds));
    throw new TooManyFailedAuthentications();
  }
};
