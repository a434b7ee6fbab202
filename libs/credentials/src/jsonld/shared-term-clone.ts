import contextApi from 'jsonld/lib/context.js';

/** What jsonld.js does with a context's `mappings` (get, has, set, delete, keys, for..of), and size. */
type TermMap = Iterable<[string, object]> & {
  readonly size: number;
  get(term: string): object | undefined;
  has(term: string): boolean;
  keys(): MapIterator<string>;
  set(term: string, definition: object): unknown;
  delete(term: string): boolean;
};

/**
 * A context's term definitions, copied on write: a clone shares its parent's Map until either of
 * them first changes it, and that one then copies it. Only what jsonld.js does with `mappings` is
 * offered (TermMap); a context that is cloned and never
 * changed (the revert to a previous context on every node object, most of them) copies nothing.
 */
class SharedTerms implements TermMap {
  #terms: Map<string, object>;
  #owned: boolean;

  constructor(terms: Map<string, object>, owned: boolean) {
    this.#terms = terms;
    this.#owned = owned;
  }

  /** A copy sharing this Map: after it, neither side owns the Map, so whichever writes first copies it. */
  static sharing(terms: TermMap): SharedTerms {
    if (terms instanceof SharedTerms) {
      terms.#owned = false;
      return new SharedTerms(terms.#terms, false);
    }
    // jsonld.js's initial contexts hold a plain Map, which it never changes (it clones them first).
    return new SharedTerms(terms as Map<string, object>, false);
  }

  get size(): number {
    return this.#terms.size;
  }
  get(term: string): object | undefined {
    return this.#terms.get(term);
  }
  has(term: string): boolean {
    return this.#terms.has(term);
  }
  keys(): MapIterator<string> {
    return this.#terms.keys();
  }
  [Symbol.iterator](): MapIterator<[string, object]> {
    return this.#terms[Symbol.iterator]();
  }
  set(term: string, definition: object): this {
    this.#own().set(term, definition);
    return this;
  }
  delete(term: string): boolean {
    return this.#own().delete(term);
  }

  #own(): Map<string, object> {
    if (!this.#owned) {
      this.#terms = new Map(this.#terms);
      this.#owned = true;
    }
    return this.#terms;
  }
}

/** jsonld.js's active context, as far as its clone reads it. */
type ActiveContext = {
  mappings: TermMap;
  protected: Record<string, boolean>;
  clone: (this: ActiveContext) => ActiveContext;
  inverse: unknown;
  getInverse: unknown;
  previousContext?: ActiveContext;
  revertToPreviousContext?: unknown;
  '@base'?: unknown;
  '@language'?: unknown;
  '@vocab'?: unknown;
};

/**
 * jsonld.js's `_cloneActiveContext`, field for field, except that the term definitions are shared:
 * the clone's term Map is copied on write (SharedTerms) and its `protected` object is new, which
 * is all a child context changes. jsonld.js deep-copies the whole term map instead (`util.clone`),
 * for every context it applies and for every node object whose type-scoped context it reverts:
 * 4.3 MB of the ~7 MB a signed OB 3.0 export allocated, and about half of its CPU
 * (bench/README.md; upstream this is jsonld.js issue #414). Sharing the definitions is safe
 * because a term definition is never written once `createTermDefinition` has returned it (every
 * write there is to the object that call creates); and a Map both sides share is copied by
 * whichever side changes it first.
 */
function cloneSharingTerms(this: ActiveContext): ActiveContext {
  const child: ActiveContext = {
    mappings: SharedTerms.sharing(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
  };
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
