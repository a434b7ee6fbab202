import { invalid } from '../core';
import { instantMs } from '../time';
import type { CredentialCommand } from './commands';
import { AB_INITIO, AB_INITIO_REASONS } from './events';
import type { IssuedCredentialState } from './state';

type Lifecycle = Exclude<CredentialCommand, { type: 'IssueCredential' }>;

export type Effective = Readonly<{ effectiveAt: string; abInitio?: true }>;

const field = 'effectiveAt';

const refuse = (code: string, message: string, value: string, extra: Record<string, unknown> = {}) =>
  invalid(code, message, { field, value, ...extra });

/**
 * When a status change takes effect: the command's `effectiveAt`, or its `now`. Never in the future
 * (the ledger records what happened, not what will) and never before validFrom (nothing to change
 * then); `ab-initio` resolves to validFrom, for the reasons under which a credential was never valid.
 * A reinstatement cannot end a suspension before that suspension took effect.
 */
export const resolveEffectiveAt = (command: Lifecycle, credential: IssuedCredentialState): Effective => {
  const { now } = command.metadata;
  const requested = command.data.effectiveAt;
  if (requested === undefined) return { effectiveAt: now };
  if (requested === AB_INITIO) {
    const reason = command.type === 'RevokeCredential' ? command.data.reason : undefined;
    if (!(AB_INITIO_REASONS as readonly string[]).includes(reason ?? '')) {
      throw refuse(
        'credential.ab-initio-not-allowed',
        `effectiveAt "ab-initio" is only for revocations for ${AB_INITIO_REASONS.join(', ')}`,
        requested,
        { reason, allowed: AB_INITIO_REASONS },
      );
    }
    return { effectiveAt: credential.validFrom, abInitio: true };
  }
  const atMs = instantMs(requested, field);
  if (atMs > instantMs(now)) {
    throw refuse('credential.effective-in-future', `effectiveAt ${requested} is in the future`, requested, {
      now,
    });
  }
  if (atMs < instantMs(credential.validFrom)) {
    throw refuse(
      'credential.effective-before-valid-from',
      `effectiveAt ${requested} is before the credential's validFrom ${credential.validFrom}`,
      requested,
      { validFrom: credential.validFrom },
    );
  }
  const suspendedFrom = credential.status === 'suspended' ? credential.effectiveAt : undefined;
  if (command.type === 'ReinstateCredential' && suspendedFrom && atMs < instantMs(suspendedFrom)) {
    throw refuse(
      'credential.reinstated-before-suspended',
      `effectiveAt ${requested} is before the suspension took effect (${suspendedFrom})`,
      requested,
      { suspendedFrom },
    );
  }
  return { effectiveAt: requested };
};
