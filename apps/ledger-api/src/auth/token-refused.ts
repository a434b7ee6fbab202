import { UnauthorizedException } from '@nestjs/common';

/** A known token that no longer opens anything: 401 with a code saying why, so the client knows to ask for a new one. */
export class TokenRefusedError extends UnauthorizedException {
  constructor(
    readonly code: 'token.disabled' | 'token.expired',
    message: string,
  ) {
    super(message);
  }
}
