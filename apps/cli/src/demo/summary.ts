import type { DemoSummary } from './seed';

const number = (n: number) => n.toLocaleString('en-US');

/** The counts by kind, revocations by reason, then each demo role's token (printed this once only). */
export const summaryLines = (summary: DemoSummary): string[] => {
  const counts = Object.entries(summary.counts).sort(([a], [b]) => a.localeCompare(b));
  const reasons = Object.entries(summary.revokedByReason).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...counts.map(([kind]) => kind.length), ...reasons.map(([r]) => r.length + 2)) + 2;
  return [
    'demo world',
    ...counts.map(([kind, n]) => `  ${kind.padEnd(width)}${number(n)}`),
    'revocations by reason',
    ...reasons.map(([reason, n]) => `  ${reason.padEnd(width)}${number(n)}`),
    'tokens (shown once; keep them, they cannot be read back)',
    ...Object.entries(summary.tokens).map(([role, token]) => `  ${role.padEnd(width)}${token}`),
  ];
};
