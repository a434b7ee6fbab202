import type { Finding, RulesetStamp } from '@credence/domain';

/** The application layer's error family: refusals that are neither domain invariants nor storage faults. */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A block rule of the active ruleset refused the command (HTTP 422). */
export class RuleViolationError extends LedgerError {
  constructor(
    readonly ruleset: RulesetStamp,
    readonly findings: readonly Finding[],
  ) {
    super(
      'rules.violated',
      `Refused by ${ruleset.id}@${ruleset.version}: ${findings.map((f) => f.ruleId).join(', ')}`,
    );
  }
}

/** The principal's rule refusals passed the limit for this window (HTTP 429 with Retry-After); nothing recorded. */
export class RefusalsRateLimitedError extends LedgerError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'rules.refusals-rate-limited',
      `Too many commands refused by the rules; retry after ${retryAfterSeconds} s`,
    );
  }
}

export class UnknownRulesetError extends LedgerError {
  constructor(
    readonly rulesetId: string,
    readonly version: string,
  ) {
    super('ruleset.unknown', `No ruleset ${rulesetId}@${version} is loaded`);
  }
}

/** The same Idempotency-Key was sent with a different request (HTTP 422, as the IETF draft suggests). */
export class IdempotencyKeyReusedError extends LedgerError {
  constructor(readonly key: string) {
    super('idempotency-key.reused', `Idempotency-Key ${key} was already used for a different request`);
  }
}
