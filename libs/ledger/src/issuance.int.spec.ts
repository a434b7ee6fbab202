import { join } from 'node:path';
import { type CredenceCommand, EVENT_SCHEMA_VERSIONS, streamId } from '@credence/domain';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { metadataFor, tempDir } from '@credence/event-store/testing';
import { type Facts, loadRulesetDirectory } from '@credence/rules';
import {
  assessmentRecorded,
  issuerAccredited,
  issuerRegistered,
  specificationPublished,
} from '../../domain/src/test-fixtures';
import { ActiveRuleset } from './active-ruleset';
import { Ledger } from './ledger';
import { ActiveRulesetGate } from './rules-gate';
import { issue, seed } from './testing/reactor-world';

/** The real gate, counting the IssueCredential checks it evaluates. */
class CountingGate extends ActiveRulesetGate {
  issuanceChecks = 0;
  /** Runs between the issuance's own check and the credential's append (the reservation's check). */
  onReservation?: () => Promise<void>;

  override async check<C extends CredenceCommand>(command: C, target: string, facts: Facts): Promise<C> {
    if (command.type === 'IssueCredential') this.issuanceChecks++;
    if (command.type === 'CredentialAssessment') await this.onReservation?.();
    return super.check(command, target, facts);
  }
}

describe('An issuance is checked by the rules once, and stamped as a second check would stamp it', () => {
  const dir = tempDir('issuance-gate');
  const registry = loadRulesetDirectory(join(__dirname, '../../../rules'));
  let store: SqliteEventStore;
  let rulesets: ActiveRuleset;
  let gate: CountingGate;
  let ledger: Ledger;

  const issuedStamp = async (n: number) => {
    const [issued] = await store.readStream(streamId('credential', `cred-${n}`));
    return { ruleset: issued!.metadata.ruleset, findings: issued!.metadata.findings };
  };

  beforeEach(async () => {
    store = SqliteEventStore.open({ path: dir.nextFile(), schemaVersions: EVENT_SCHEMA_VERSIONS });
    rulesets = new ActiveRuleset(store, registry);
    gate = new CountingGate(rulesets, store);
    ledger = new Ledger(store, gate);
    await rulesets.activate('eu-microcredentials', '2022', 'startup-default', metadataFor());
    await seed(store, streamId('issuer', 'uni-1'), [issuerRegistered(), issuerAccredited()]);
    await seed(store, streamId('specification', 'spec-1'), [specificationPublished()]);
    for (const n of [1, 2])
      await seed(store, streamId('assessment', `asmt-${n}`), [
        assessmentRecorded({ assessmentId: `asmt-${n}` }),
      ]);
  });
  afterEach(() => store.close());
  afterAll(() => dir.remove());

  it('given the same ruleset active throughout, when a credential is issued, then it is evaluated once and carries that ruleset', async () => {
    await issue(ledger, 1);

    expect(gate.issuanceChecks).toBe(1);
    expect((await issuedStamp(1)).ruleset).toEqual(registry.get('eu-microcredentials@2022')!.stamp);
  });

  it('given another ruleset activated after the issuance was checked, when the credential is appended, then it is checked again and carries the new ruleset', async () => {
    gate.onReservation = async () => {
      gate.onReservation = undefined;
      await rulesets.activate('eu-microcredentials', '2022-r2', 'explicit', metadataFor());
    };

    await issue(ledger, 2);

    expect(gate.issuanceChecks).toBe(2);
    expect((await issuedStamp(2)).ruleset).toEqual(registry.get('eu-microcredentials@2022-r2')!.stamp);
  });
});
