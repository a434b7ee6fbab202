import { failed, passed, type CheckResult, type Credential } from './check';

/** `validFrom` ≤ now < `validUntil` (when there is one). `now` comes from the caller, never the clock here. */
export const validityCheck = (credential: Credential, now: string): CheckResult => {
  const { validFrom, validUntil } = credential as { validFrom?: unknown; validUntil?: unknown };
  const evidence = { validFrom, validUntil, now };
  const at = Date.parse(now);
  if (typeof validFrom !== 'string' || Number.isNaN(Date.parse(validFrom)))
    return failed('validity', 'The credential has no valid validFrom date.', evidence);
  if (validUntil !== undefined && (typeof validUntil !== 'string' || Number.isNaN(Date.parse(validUntil))))
    return failed('validity', 'The credential’s validUntil is not a date.', evidence);
  if (at < Date.parse(validFrom))
    return failed('validity', `The credential is not valid before ${validFrom}.`, evidence);
  if (typeof validUntil === 'string' && at >= Date.parse(validUntil))
    return failed('validity', `The credential expired at ${validUntil}.`, evidence);
  return passed(
    'validity',
    typeof validUntil === 'string'
      ? `Valid from ${validFrom} until ${validUntil}.`
      : `Valid from ${validFrom}, with no end date.`,
    evidence,
  );
};
