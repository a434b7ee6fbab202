import { join } from 'node:path';
import { loadRuleset } from './load';
import { replayDecisions, type PastDecision } from './replay';
import { baselineFacts, daysBeforeNow } from './testing/baseline-facts';

const rules2026 = loadRuleset(join(__dirname, '../../../rules/eu-microcredentials/2026.yaml'));

const decision = (
  n: number,
  facts: PastDecision['facts'],
  originalFindings?: PastDecision['originalFindings'],
) => ({
  position: String(n),
  streamId: `credential-${n}`,
  commandId: `command-${n}`,
  commandType: facts.command.type,
  facts,
  ...(originalFindings && { originalFindings }),
});

const identityWarning = {
  ruleId: 'annex1.identity-verification',
  severity: 'warn',
  message: 'Above EQF level 5 the assessment should be supervised…',
} as const;

describe('replayDecisions', () => {
  const fine = baselineFacts('IssueCredential');
  const oldAssessment = baselineFacts('IssueCredential');
  oldAssessment.assessments[0].assessedAt = daysBeforeNow(500);
  const unverified = baselineFacts('IssueCredential');
  unverified.specification.supervisionAndIdentityVerification = 'unsupervised';
  const hoursOnly = baselineFacts('PublishSpecification');
  hoursOnly.specification.ects = 0;
  const broken = baselineFacts('IssueCredential');
  broken.specification.eqfLevel = 6.5;

  const report = replayDecisions(
    [
      decision(1, fine),
      decision(2, oldAssessment),
      decision(3, unverified, [identityWarning]),
      decision(4, hoursOnly, []),
      decision(5, broken),
    ],
    rules2026,
  );

  it('names the ruleset it replayed and counts what it saw', () => {
    expect(report.ruleset).toEqual(rules2026.stamp);
    expect(report.summary).toEqual({ evaluated: 5, refused: 2, warned: 1, invalid: 1 });
  });

  it('lists the decisions the ruleset would refuse, and why', () => {
    expect(report.refused.map((d) => [d.commandId, d.blocked.map((f) => f.ruleId)])).toEqual([
      ['command-2', ['annex2.assessment.recent']],
      ['command-3', ['annex1.identity-verification']],
    ]);
    expect(report.refusalsByRule).toEqual({
      'annex2.assessment.recent': 1,
      'annex1.identity-verification': 1,
    });
  });

  it('compares with the original findings where they were given', () => {
    expect(report.refused[0]).not.toHaveProperty('newRuleIds');
    expect(report.refused[1].newRuleIds).toEqual([]);
    expect(report.warned).toEqual([
      expect.objectContaining({
        commandId: 'command-4',
        newRuleIds: ['annex1.workload-in-ects'],
        blocked: [],
      }),
    ]);
  });

  it('reports decisions whose facts cannot be evaluated instead of stopping', () => {
    expect(report.invalid).toEqual([
      {
        position: '5',
        streamId: 'credential-5',
        commandId: 'command-5',
        reason: expect.stringContaining('specification.eqfLevel'),
      },
    ]);
  });

  it('refuses facts recorded for another command type than the decision says', () => {
    const mismatch = { ...decision(6, fine), commandType: 'RevokeCredential' };
    expect(replayDecisions([mismatch], rules2026).invalid[0].reason).toMatch(/command.type/);
  });

  it('is JSON-serialisable as it is', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
