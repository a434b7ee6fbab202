import { summaryLines } from './summary';
import type { DemoSummary } from './seed';

const summary = {
  counts: { issuers: 6, credentials: 2_707, 'qa bodies': 2 },
  revokedByReason: { fraud: 1, 'assessment-annulled': 1 },
  tokens: {
    'qa-body': 'cred_qa',
    issuer: 'cred_issuer',
    auditor: 'cred_auditor',
    regulator: 'cred_regulator',
  },
} as unknown as DemoSummary;

describe('summaryLines', () => {
  it('prints the counts by kind and the reasons in name order, then one token per role', () => {
    // Given a seed's summary, when it is printed
    const lines = summaryLines(summary);
    // Then the counts come sorted with thousands separators, and each role's token once
    expect(lines.map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([
      'demo world',
      'credentials 2,707',
      'issuers 6',
      'qa bodies 2',
      'revocations by reason',
      'assessment-annulled 1',
      'fraud 1',
      'tokens (shown once; keep them, they cannot be read back)',
      'qa-body cred_qa',
      'issuer cred_issuer',
      'auditor cred_auditor',
      'regulator cred_regulator',
    ]);
  });
});
