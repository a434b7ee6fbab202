import type { CommitHook } from './group-commit';

/**
 * A commit hook named by its module and factory, so that a writer thread can build its own: a
 * closure cannot cross to another thread. `module` is a path `require` resolves in that thread
 * (an absolute file path is safest); the factory is called with `options` (structured-cloned).
 */
export type CommitHookModule = Readonly<{ module: string; factory: string; options?: unknown }>;

type HookFactory = (options?: unknown) => CommitHook;

export const loadCommitHook = (hook: CommitHook | CommitHookModule | undefined): CommitHook | undefined => {
  if (hook === undefined || typeof hook === 'function') return hook;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = (require(hook.module) as Record<string, HookFactory | undefined>)[hook.factory];
  if (typeof factory !== 'function') throw new Error(`${hook.module} exports no function ${hook.factory}`);
  return factory(hook.options);
};
