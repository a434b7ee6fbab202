import { categoryOf, COMMAND_TYPES, EVENT_TYPES } from '@credence/domain';
import { actingAs } from '../../../domain/src/test-fixtures';
import { CATALOGUE, type Catalogue, catalogueEntry, type CommandRequest } from './catalogue';

/**
 * How a command is added (say `ReissueCredential`):
 *   1. domain: the command type in the decider's union (`credential/commands.ts`) and its case in
 *      `decide`; then `COMMAND_TYPES` (libs/domain/src/commands.ts) and this catalogue fail to
 *      compile until they list it;
 *   2. here, one entry: `target`, `decider`, `related` refs if it reads other streams (or
 *      `relatedThroughTarget` if only the target's state names them), its `facts` builder (with
 *      a case in facts.unit.spec.ts) and the event that records it (`recordedAs`);
 *   3. the API: one DTO with its `ToRequest` mapping, one route calling `ledger.handle`, and the
 *      line in `routed-commands.ts` that the compiler asks for, so the dry run knows it too.
 * The Ledger, the rules gate, the dry run and replay need no change.
 */
describe('the command catalogue', () => {
  it('has one entry for every domain command type, and nothing else', () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it('does not compile without an entry for a command type', () => {
    const { RegisterIssuer: _left, ...rest } = CATALOGUE;
    // @ts-expect-error RegisterIssuer is missing
    const incomplete: Catalogue = rest;
    expect(Object.keys(incomplete)).not.toContain('RegisterIssuer');
  });

  it('names a distinct, known event for each decision, so replay knows which command opened it', () => {
    const recorded = COMMAND_TYPES.map((type) => catalogueEntry(type).recordedAs);
    expect(new Set(recorded).size).toBe(recorded.length);
    expect(recorded.filter((type) => !EVENT_TYPES.includes(type))).toEqual([]);
  });

  it('targets a stream of the decider’s own category, from the ids in the command', () => {
    const request: CommandRequest<'RetireSpecification'> = {
      type: 'RetireSpecification',
      data: { specificationId: 'spec-7' },
      metadata: {
        commandId: 'c',
        correlationId: 'c',
        causationId: 'c',
        now: '2026-01-01T00:00:00Z',
        ...actingAs(),
      },
    };
    const target = catalogueEntry('RetireSpecification').target(request);
    expect([target.streamId, categoryOf(target.streamId)]).toEqual(['specification-spec-7', 'specification']);
  });
});
