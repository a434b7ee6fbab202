import { join } from 'node:path';
import { EVENT_SCHEMA_VERSIONS } from '@credence/domain';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { metadataFor, tempDir } from '@credence/event-store/testing';
import { loadRulesetDirectory } from '@credence/rules';
import { ActiveRuleset } from './active-ruleset';

describe('The active ruleset follows activations made by any process', () => {
  const dir = tempDir('active-ruleset');
  afterAll(() => dir.remove());
  const registry = loadRulesetDirectory(join(__dirname, '../../../rules'));

  it('given a ruleset read once, when another process activates another version, then the next command sees it', async () => {
    const file = dir.nextFile();
    const open = () => SqliteEventStore.open({ path: file, schemaVersions: EVENT_SCHEMA_VERSIONS });
    const [here, elsewhere] = [open(), open()];
    const [rulesHere, rulesElsewhere] = [
      new ActiveRuleset(here, registry),
      new ActiveRuleset(elsewhere, registry),
    ];
    await rulesHere.activate('eu-microcredentials', '2022', 'startup-default', metadataFor());
    expect((await rulesHere.current()).stamp.version).toBe('2022');

    await rulesElsewhere.activate('eu-microcredentials', '2022-r2', 'explicit', metadataFor());

    expect((await rulesHere.current()).stamp.version).toBe('2022-r2');
    await Promise.all([here.close(), elsewhere.close()]);
  });
});
