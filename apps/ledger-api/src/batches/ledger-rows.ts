import {
  type ActiveRuleset,
  catalogueEntry,
  type CommandRequest,
  type Ledger,
  RuleViolationError,
} from '@credence/ledger';
import type { CredenceCommandType } from '@credence/domain';
import { verdict } from '@credence/rules';
import { recordAssessment } from '../resources/assessments/assessments.dto';
import { issueCredential } from '../resources/credentials/credentials.dto';
import { type ApplyRow, AssessmentKeptError, type CheckRow } from './apply-batch';
import type { BatchRow } from './batch-row';
import type { RowCommands } from './row-commands';

/** The row's two requests, built by the single routes' own mappings so a row is exactly a pair of requests. */
const requestsOf = (row: BatchRow, { assessment, credential }: RowCommands) => {
  const assessmentId = row.assessmentId ?? assessment.newId;
  return {
    assessmentId,
    record: row.assessment ? recordAssessment(row.assessment, assessment, {}) : undefined,
    issue: issueCredential({ ...row.credential, assessmentIds: [assessmentId] }, credential, {}),
  };
};

/**
 * Records the row's assessment, then issues its credential, through Ledger.handle (catalogue, rules,
 * append) with the row's key-derived command ids: a resend or a resume appends nothing new.
 */
export const applyRowWith =
  (ledger: Ledger): ApplyRow =>
  async (row, commands) => {
    const { assessmentId, record, issue } = requestsOf(row, commands);
    if (record) await ledger.handle(record, commands.assessment);
    try {
      await ledger.handle(issue, commands.credential);
    } catch (error) {
      throw record ? new AssessmentKeptError(assessmentId, error) : error;
    }
    return { credentialId: commands.credential.newId, assessmentId };
  };

const refuseIfBlocked = async <T extends CredenceCommandType>(
  ledger: Ledger,
  rulesets: ActiveRuleset,
  request: CommandRequest<T>,
): Promise<void> => {
  const ruleset = await rulesets.current();
  const resolved = await ledger.resolve(request);
  const { state } = await ledger.load(resolved.target.folding, resolved.target.streamId);
  const { blocked } = verdict(ruleset.evaluate(resolved.facts(state)));
  if (blocked.length > 0) throw new RuleViolationError(ruleset.stamp, blocked);
  // The decider is pure: deciding here refuses what the live path would (an unknown specification, say) and appends nothing.
  catalogueEntry<T>(request.type).decider.decide(resolved.command, state);
};

/**
 * The atomic mode's dry run, on the same facts and rules as the live path; appends nothing. A row that
 * records its assessment has its issuance checked only once the assessment exists (the apply phase),
 * since the issuance's facts are read from the recorded assessment.
 */
export const checkRowWith =
  (ledger: Ledger, rulesets: ActiveRuleset): CheckRow =>
  async (row, commands) => {
    const { record, issue } = requestsOf(row, commands);
    await (record ? refuseIfBlocked(ledger, rulesets, record) : refuseIfBlocked(ledger, rulesets, issue));
  };
