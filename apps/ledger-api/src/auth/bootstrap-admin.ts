import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { BOOTSTRAP_ADMIN_NAME } from './sqlite-principal-store';
import { hashToken, newToken, type PrincipalStore, sameHash } from './principal-store';

/**
 * Ensures one admin exists. CREDENCE_ADMIN_TOKEN, when set, is authoritative (rotating it rotates the
 * admin). When unset on first start, a token is generated and printed once; only its hash is kept.
 * The start-up reconciliation then records the admin, and any replacement, on the `principals` stream.
 */
export const ensureBootstrapAdmin = (
  store: PrincipalStore,
  configuredToken: string | undefined,
  now: string,
) => {
  const logger = new Logger('Bootstrap');
  const existing = store.findBootstrapAdmin();
  if (existing) {
    if (configuredToken && !sameHash(existing.tokenHash, hashToken(configuredToken))) {
      store.replaceTokenHash(existing.principal.id, hashToken(configuredToken));
      logger.log('Admin token replaced by CREDENCE_ADMIN_TOKEN');
    }
    return;
  }
  const token = configuredToken ?? newToken();
  store.insert(
    { id: randomUUID(), role: 'admin', name: BOOTSTRAP_ADMIN_NAME, createdAt: now, tokenRotations: 0 },
    hashToken(token),
  );
  if (!configuredToken) {
    // Printed once, on purpose: it is the only way an operator learns the generated token.
    process.stdout.write(`\nCredence admin token (shown once, store it now): ${token}\n\n`);
  }
};
