import { complianceDecider, type RecordRefusal } from './decider';

const refusal: RecordRefusal = {
  type: 'RecordRefusal',
  data: {
    issuerId: 'uni-1',
    commandType: 'IssueCredential',
    commandId: 'cmd-1',
    targetStreamId: 'credential-c1',
    ruleset: { id: 'eu', version: '2022', hash: 'h' },
    findings: [{ ruleId: 'r1', severity: 'block', message: 'no' }],
  },
  metadata: {
    commandId: 'cmd-1',
    correlationId: 'cmd-1',
    causationId: 'cmd-1',
    now: '2026-01-01T00:00:00Z',
    principal: { id: 'p', role: 'issuer', issuerId: 'uni-1' },
  },
};

describe('complianceDecider', () => {
  it('given any compliance stream, when a refusal is recorded, then it is QualityCheckFailed with the refusal as its data', () => {
    const before = complianceDecider.evolve(complianceDecider.initialState(), {
      type: 'QualityCheckFailed',
      data: refusal.data,
    });
    for (const state of [complianceDecider.initialState(), before]) {
      expect(complianceDecider.decide(refusal, state)).toEqual([
        { type: 'QualityCheckFailed', data: refusal.data },
      ]);
    }
    expect(before).toEqual({ refusals: 1 });
  });
});
