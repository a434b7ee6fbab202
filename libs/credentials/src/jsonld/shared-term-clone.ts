import contextApi from 'jsonld/lib/context.js';

/** jsonld.js's active context, as far as its clone reads it. */
type ActiveContext = {
  mappings: Map<string, object>;
  protected: Record<string, boolean>;
  clone: (this: ActiveContext) => ActiveContext;
  inverse: unknown;
  getInverse: unknown;
  previousContext?: ActiveContext;
  revertToPreviousContext: unknown;
  '@base'?: unknown;
  '@language'?: unknown;
  '@vocab'?: unknown;
};

/**
 * jsonld.js's `_cloneActiveContext`, field for field, except that the term definitions are shared:
 * a new Map of the same entries and a new `protected` object, which are all a child context
 * changes. jsonld.js deep-copies the whole term map instead (`util.clone`), for every context it
 * applies and for every node object whose type-scoped context it reverts: 4.3 MB of the ~7 MB a
 * signed OB 3.0 export allocated, and about half of its CPU (bench/README.md; upstream this is
 * jsonld.js issue #414). Sharing is safe because a term definition is never written once
 * `createTermDefinition` has returned it (every write there is to the object that call creates)
 * and jsonld.js clones a context before it changes it, as its cache of processed contexts,
 * handed out without a copy, already relies on.
 */
function cloneSharingTerms(this: ActiveContext): ActiveContext {
  const child = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
  } as ActiveContext;
  if (this.previousContext) child.previousContext = this.previousContext.clone();
  child.revertToPreviousContext = this.revertToPreviousContext;
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

/** The processing modes jsonld.js asks its initial context for (unset means 1.1). */
const PROCESSING_MODES = [undefined, 'json-ld-1.0', 'json-ld-1.1'] as const;

let installed = false;

/**
 * Every active context descends from an initial one and inherits its `clone`, so setting it on
 * the initial contexts (jsonld.js keeps one per processing mode) changes every later clone. Both
 * ways in are covered: `context.js` asks `getInitialContext` through its module object, which is
 * wrapped, and `jsonld.js` through a reference taken at load, which returns the same cached
 * objects, set here up front. Idempotent.
 */
export const installSharedTermClone = (): void => {
  if (installed) return;
  installed = true;
  const initialContext = contextApi.getInitialContext;
  for (const processingMode of PROCESSING_MODES) initialContext({ processingMode }).clone = cloneSharingTerms;
  contextApi.getInitialContext = (options) => {
    const context = initialContext(options);
    context.clone = cloneSharingTerms;
    return context;
  };
};

/** Whether jsonld.js's active contexts now clone through `cloneSharingTerms` (for its spec). */
export const sharesTerms = (processingMode?: string): boolean =>
  contextApi.getInitialContext({ processingMode }).clone === cloneSharingTerms;
