import { join } from 'node:path';
import { EVENT_SCHEMA_VERSIONS, RULESETS_STREAM, rulesetsDecider } from '@credence/domain';
import { handleCommand } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { metadataFor, tempDir } from '@credence/event-store/testing';
import { loadRulesetDirectory } from '@credence/rules';
import { ActiveRuleset } from './active-ruleset';

/** The hash ledgers recorded when they activated eu-microcredentials@2022 as first published. */
const RECORDED_2022 = '99d574e82de6ff06e58a7df8092bfd6563cf4fc8c73697e8a2a9edd23f8beef5';

describe('A ledger that activated a ruleset version keeps running on it after an upgrade', () => {
  const dir = tempDir('published-rulesets');
  afterAll(() => dir.remove());

  it('given eu-microcredentials@2022 active under its published hash, when the shipped rules load, then the same version answers with that hash, and the revision is there to activate', async () => {
    const store = SqliteEventStore.open({ path: dir.nextFile(), schemaVersions: EVENT_SCHEMA_VERSIONS });
    await handleCommand(store, rulesetsDecider, RULESETS_STREAM, {
      type: 'ActivateRuleset',
      data: {
        rulesetId: 'eu-microcredentials',
        version: '2022',
        hash: RECORDED_2022,
        reason: 'startup-default',
      },
      metadata: metadataFor(),
    });
    const rulesets = new ActiveRuleset(store, loadRulesetDirectory(join(__dirname, '../../../rules')));

    const active = await rulesets.current();

    expect(active.stamp).toEqual({ id: 'eu-microcredentials', version: '2022', hash: RECORDED_2022 });
    expect(rulesets.find('eu-microcredentials', '2022-r2').hash).not.toBe(RECORDED_2022);
    await store.close();
  });
});
