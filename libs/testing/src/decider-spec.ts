import type { AnyEvent, Command, CommandMetadata, Decider } from '@credence/domain';
import { DomainError } from '@credence/domain';

/**
 * Given/when/then for pure deciders (after Emmett's DeciderSpecification):
 *   given([issued]).when(revoke).then([revoked])
 *   given([revoked]).when(revoke).thenNothing()
 *   given([]).when(revoke).thenThrows('credential.not-found')
 * `thenThrows` may also match the error's details (a subset, as `toMatchObject`).
 */
export const DeciderSpecification = {
  for<S, C extends Command<string, unknown>, E extends AnyEvent>(decider: Decider<S, C, E>) {
    return (givenEvents: readonly E[]) => ({
      when(command: C) {
        const run = () => decider.decide(command, givenEvents.reduce(decider.evolve, decider.initialState()));
        return {
          then(expected: readonly E[]) {
            expect(run()).toEqual(expected);
          },
          thenNothing() {
            expect(run()).toEqual([]);
          },
          thenThrows(code: string, kind?: DomainError['kind'], details?: Record<string, unknown>) {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(DomainError);
            expect((thrown as DomainError).code).toBe(code);
            if (kind) expect((thrown as DomainError).kind).toBe(kind);
            if (details) expect((thrown as DomainError).details).toMatchObject(details);
          },
        };
      },
    });
  },
};

/** The instant every fixture command is accepted at, unless a spec says otherwise. */
export const FIXED_NOW = '2025-06-01T12:00:00.000Z';

export const testMetadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  commandId: 'cmd-1',
  principal: { id: 'admin-1', role: 'admin' },
  now: FIXED_NOW,
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  ...overrides,
});

/**
 * Typed command fixtures for one decider's command union, with shared metadata defaults:
 *   const command = commandsFor<IssuerCommand>({ issuerId: 'uni-1' });
 *   command('RegisterIssuer', { ... }, { principal: qaBody })
 */
export const commandsFor =
  <C extends Command<string, unknown>>(defaults: Partial<CommandMetadata> = {}) =>
  <T extends C['type']>(
    type: T,
    data: Extract<C, { type: T }>['data'],
    metadata: Partial<CommandMetadata> = {},
  ): Extract<C, { type: T }> =>
    ({ type, data, metadata: testMetadata({ ...defaults, ...metadata }) }) as Extract<C, { type: T }>;
