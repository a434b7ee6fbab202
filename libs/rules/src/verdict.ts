import type { Finding } from '@credence/domain';

export type Verdict = Readonly<{
  /** Non-empty: refuse the command (422). */
  blocked: readonly Finding[];
  /** Recorded on the accepted events' metadata. */
  warnings: readonly Finding[];
}>;

export const verdict = (findings: readonly Finding[]): Verdict => ({
  blocked: findings.filter((finding) => finding.severity === 'block'),
  warnings: findings.filter((finding) => finding.severity === 'warn'),
});
