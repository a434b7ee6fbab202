import type { Finding } from '@credence/domain';
import type { GivenEvent } from '../testing/projection-spec';
import { ProjectionSpecification } from '../testing/projection-spec';
import { credentialIssued, specificationPublished } from '../testing/domain-events';
import { findingsProjection } from './findings';

const given = ProjectionSpecification.for(findingsProjection);
const stamp = { id: 'eu-microcredentials', version: '2022', hash: 'b'.repeat(64) };
const key = (kind: 'refused' | 'warning', ruleId: string, ruleset = 'eu-microcredentials@2022') =>
  JSON.stringify(['uni-1', ruleset, kind, ruleId]);
const finding = (ruleId: string, severity: Finding['severity']): Finding => ({
  ruleId,
  severity,
  message: ruleId,
});

const refused = (commandId: string, findings: Finding[]): GivenEvent => ({
  type: 'QualityCheckFailed',
  data: {
    issuerId: 'uni-1',
    commandType: 'PublishSpecification',
    commandId,
    targetStreamId: 'specification-x',
    ruleset: stamp,
    findings,
  },
  metadata: { commandId },
});

describe('compliance findings projection', () => {
  it('When a command is refused › counts it once under each blocking rule, not under its warnings', () => {
    given([])
      .when([
        refused('c1', [
          finding('annex1.title', 'block'),
          finding('annex1.countries', 'block'),
          finding('ects.hours-per-credit', 'warn'),
        ]),
        refused('c2', [finding('annex1.title', 'block')]),
      ])
      .thenDocuments({
        [key('refused', 'annex1.title')]: {
          issuerId: 'uni-1',
          ruleset: 'eu-microcredentials@2022',
          kind: 'refused',
          ruleId: 'annex1.title',
          count: 2,
          lastCommandId: 'c2',
        },
        [key('refused', 'annex1.countries')]: expect.objectContaining({ count: 1 }),
        [key('refused', 'ects.hours-per-credit')]: null,
        [key('warning', 'ects.hours-per-credit')]: null,
      });
  });

  it('When accepted events carry warnings › counts them per rule and ruleset version', () => {
    const warned = (commandId: string, version: string) => ({
      commandId,
      ruleset: { ...stamp, version },
      findings: [finding('ects.hours-per-credit', 'warn')],
    });
    given([])
      .when([
        specificationPublished('s1', {}, warned('c1', '2022')),
        specificationPublished('s2', {}, warned('c2', '2022')),
        specificationPublished('s3', {}, warned('c3', '2026')),
      ])
      .thenMatch(key('warning', 'ects.hours-per-credit'), { count: 2 });
  });

  it('When one command appends several events with the same warnings › counts the command once', () => {
    const metadata = { commandId: 'c1', findings: [finding('annex1.identity-verification', 'warn')] };
    given([])
      .when([credentialIssued('cred-1', {}, metadata), credentialIssued('cred-2', {}, metadata)])
      .thenMatch(key('warning', 'annex1.identity-verification'), { count: 1 });
  });

  it('When events carry no findings › creates no documents', () => {
    given([])
      .when([credentialIssued('cred-1'), specificationPublished('spec-1')])
      .thenIds([]);
  });
});
