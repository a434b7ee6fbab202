import { invalid } from '../core';
import { checkEffectiveAt } from '../lifecycle';
import type { CredentialCommand } from './commands';
import { AB_INITIO, AB_INITIO_REASONS } from './events';
import type { IssuedCredentialState } from './state';

type Lifecycle = Exclude<CredentialCommand, { type: 'IssueCredential' }>;

export type Effective = Readonly<{ effectiveAt: string; abInitio?: true }>;

/**
 * When a status change takes effect: the command's `effectiveAt` within checkEffectiveAt's bounds,
 * or its `now`; `ab-initio` resolves to validFrom, for the reasons under which a credential was
 * never valid.
 */
export const resolveEffectiveAt = (command: Lifecycle, credential: IssuedCredentialState): Effective => {
  const { now } = command.metadata;
  const requested = command.data.effectiveAt;
  if (requested === AB_INITIO) {
    const reason = command.type === 'RevokeCredential' ? command.data.reason : undefined;
    if (!(AB_INITIO_REASONS as readonly string[]).includes(reason ?? '')) {
      throw invalid(
        'credential.ab-initio-not-allowed',
        `effectiveAt "ab-initio" is only for revocations for ${AB_INITIO_REASONS.join(', ')}`,
        { field: 'effectiveAt', value: requested, reason, allowed: AB_INITIO_REASONS },
      );
    }
    return { effectiveAt: credential.validFrom, abInitio: true };
  }
  const suspendedFrom = credential.status === 'suspended' ? credential.effectiveAt : undefined;
  const bounds = { now, validFrom: credential.validFrom, prefix: 'credential' };
  const notBefore = command.type === 'ReinstateCredential' ? suspendedFrom : undefined;
  return { effectiveAt: checkEffectiveAt(requested, { ...bounds, notBefore }) };
};
