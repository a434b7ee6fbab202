import type { IssuerCompliance } from '../queries/compliance';
import { csvRow } from './csv';

/**
 * A compliance report as one long table (`ruleset,metric,key,value`), so every count, breakdown and
 * accreditation change is a row a spreadsheet can pivot. Time-free: the same ledger exports the same CSV.
 */
export const complianceCsv = (report: IssuerCompliance): string => {
  const rows: unknown[][] = [];
  for (const r of report.rulesets) {
    const { revokedByReason, ...counts } = r.credentials;
    for (const [metric, value] of Object.entries(counts)) rows.push([r.key, metric, '', value]);
    for (const [reason, n] of Object.entries(revokedByReason))
      rows.push([r.key, 'revokedByReason', reason, n]);
    for (const [rule, n] of Object.entries(r.refusedByRule)) rows.push([r.key, 'refusedByRule', rule, n]);
    for (const [rule, n] of Object.entries(r.warningsByRule)) rows.push([r.key, 'warningsByRule', rule, n]);
    if (r.medianAssessmentToIssuance) {
      rows.push([r.key, 'medianAssessmentToIssuanceMs', '', r.medianAssessmentToIssuance.ms]);
      rows.push([r.key, 'leadTimeSamples', '', r.medianAssessmentToIssuance.samples]);
    }
  }
  for (const a of report.accreditations) {
    rows.push(['', 'accreditation.status', a.accreditationId, a.status]);
    rows.push(['', 'accreditation.qaBody', a.accreditationId, `${a.qaBodyId ?? ''} ${a.qaBody}`.trim()]);
    rows.push(['', 'accreditation.credentialsIssued', a.accreditationId, a.credentialsIssued]);
    for (const change of a.history)
      rows.push(['', `accreditation.${change.change}`, a.accreditationId, change.at]);
  }
  for (const c of report.issuedOutsideAccreditation)
    rows.push(['', `issuedOutsideAccreditation.${c.accreditationId}`, c.credentialId, c.effectiveAt]);
  return csvRow(['ruleset', 'metric', 'key', 'value']) + rows.map(csvRow).join('');
};
