/**
 * One line of a verification answer. `passed` with a plain-language `message` and the evidence a
 * reader can re-check; `notApplicable` when the check has nothing to judge (a credential issued
 * elsewhere has no accreditation on this ledger), which `verified` then ignores.
 */
export type CheckResult = Readonly<{
  id: string;
  passed: boolean;
  message: string;
  evidence: Readonly<Record<string, unknown>>;
  notApplicable?: true;
}>;

export const passed = (id: string, message: string, evidence: Record<string, unknown> = {}): CheckResult => ({
  id,
  passed: true,
  message,
  evidence,
});
export const failed = (id: string, message: string, evidence: Record<string, unknown> = {}): CheckResult => ({
  id,
  passed: false,
  message,
  evidence,
});
export const notApplicable = (
  id: string,
  message: string,
  evidence: Record<string, unknown> = {},
): CheckResult => ({
  id,
  passed: false,
  message,
  evidence,
  notApplicable: true,
});

/** True only when every check that applies passed, and at least one did. */
export const allApplicablePassed = (checks: readonly CheckResult[]): boolean => {
  const applicable = checks.filter((check) => !check.notApplicable);
  return applicable.length > 0 && applicable.every((check) => check.passed);
};

export type Credential = Record<string, unknown>;

export const issuerIdOf = (credential: Credential): string | undefined => {
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  return typeof issuer === 'object' && issuer !== null && typeof (issuer as { id?: unknown }).id === 'string'
    ? (issuer as { id: string }).id
    : undefined;
};
