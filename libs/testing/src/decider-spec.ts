import type { AnyEvent, Command, Decider } from '@credence/domain';
import { DomainError } from '@credence/domain';

/**
 * Given/when/then for pure deciders (after Emmett's DeciderSpecification):
 *   given([issued]).when(revoke).then([revoked])
 *   given([revoked]).when(revoke).thenNothing()
 *   given([]).when(revoke).thenThrows('credential.not-found')
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
          thenThrows(code: string, kind?: DomainError['kind']) {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(DomainError);
            expect((thrown as DomainError).code).toBe(code);
            if (kind) expect((thrown as DomainError).kind).toBe(kind);
          },
        };
      },
    });
  },
};
