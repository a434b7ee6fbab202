import { EVENT_TYPES, type Finding } from '@credence/domain';
import { type ProjectedEvent, rulesetGroup } from '../events';
import { defineProjection } from '../projection';

export type FindingKind = 'refused' | 'warning';

/** How often one rule refused an issuer's commands, or warned on its accepted ones, under one ruleset. */
export type FindingCountDoc = Readonly<{
  issuerId: string;
  ruleset: string;
  kind: FindingKind;
  ruleId: string;
  count: number;
  /** A command's events sit together in the log and share its findings: counted once per command. */
  lastCommandId: string;
}>;

type Counted = Readonly<{ issuerId: string; ruleset: string; kind: FindingKind; ruleIds: readonly string[] }>;

const ruleIds = (findings: readonly Finding[], severity: Finding['severity']) => [
  ...new Set(findings.filter((f) => f.severity === severity).map((f) => f.ruleId)),
];

const issuerOf = (event: ProjectedEvent): string | undefined =>
  (event.data as { issuerId?: string }).issuerId ?? event.metadata.issuerId;

/** Refusals come from QualityCheckFailed; warnings from the findings accepted events carry. */
const counted = (event: ProjectedEvent): Counted | null => {
  if (event.type === 'QualityCheckFailed') {
    const { issuerId, ruleset, findings } = event.data;
    return {
      issuerId: issuerId || 'unattributed',
      ruleset: rulesetGroup(ruleset),
      kind: 'refused',
      ruleIds: ruleIds(findings, 'block'),
    };
  }
  const issuerId = issuerOf(event);
  const warned = ruleIds(event.metadata.findings ?? [], 'warn');
  if (!issuerId || warned.length === 0) return null;
  return { issuerId, ruleset: rulesetGroup(event.metadata.ruleset), kind: 'warning', ruleIds: warned };
};

const keyOf = (issuerId: string, ruleset: string, kind: FindingKind, ruleId: string) =>
  JSON.stringify([issuerId, ruleset, kind, ruleId]);

/** Refused commands and warnings per issuer, ruleset and rule id. */
export const findingsProjection = defineProjection({
  name: 'compliance_findings',
  canHandle: EVENT_TYPES,
  documentIds: (event) => {
    const found = counted(event);
    return found
      ? found.ruleIds.map((ruleId) => keyOf(found.issuerId, found.ruleset, found.kind, ruleId))
      : [];
  },
  evolve: (doc: FindingCountDoc | null, event, documentId): FindingCountDoc | null => {
    const commandId = event.metadata.commandId;
    if (doc?.lastCommandId === commandId) return doc;
    const [issuerId, ruleset, kind, ruleId] = JSON.parse(documentId) as [string, string, FindingKind, string];
    return { issuerId, ruleset, kind, ruleId, count: (doc?.count ?? 0) + 1, lastCommandId: commandId };
  },
  columns: (doc) => ({
    issuer_id: doc.issuerId,
    ruleset: doc.ruleset,
    kind: doc.kind,
    rule_id: doc.ruleId,
    count: doc.count,
  }),
});
