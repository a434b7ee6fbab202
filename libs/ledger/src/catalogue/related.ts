import {
  assessmentDecider,
  credentialDecider,
  issuerDecider,
  pathwayDecider,
  PRINCIPALS_STREAM,
  principalsDecider,
  qaBodyDecider,
  specificationDecider,
  stackDecider,
  statusIndexDecider,
  type PrincipalsState,
  type StreamCategory,
  streamId,
} from '@credence/domain';

/** How a stream folds into a state: the `evolve` and `initialState` of its decider. */
export type Folding<State> = Readonly<{
  evolve: (state: State, event: never) => State;
  initialState: () => State;
}>;

/** A stream a command reads: its id and how to fold it. Declared as data, loaded by the caller. */
export type StreamRef<State> = Readonly<{ streamId: string; folding: Folding<State> }>;

const ref =
  <State>(category: StreamCategory, folding: Folding<State>) =>
  (id: string): StreamRef<State> => ({ streamId: streamId(category, id), folding });

export const qaBody = ref('qa-body', qaBodyDecider);
export const issuer = ref('issuer', issuerDecider);
export const specification = ref('specification', specificationDecider);
export const assessment = ref('assessment', assessmentDecider);
export const credential = ref('credential', credentialDecider);
export const pathway = ref('pathway', pathwayDecider);
export const stack = ref('stack', stackDecider);
export const statusIndex = ref('status-index', statusIndexDecider);
/** The one stream of access changes: every principal command targets it. */
export const principals = (): StreamRef<PrincipalsState> => ({
  streamId: PRINCIPALS_STREAM,
  folding: principalsDecider,
});

/** The refs that resolve to a command's `context`: one ref per state, a list of refs per list of states. */
export type RelatedRefs<Context> = {
  readonly [K in keyof Context]: Context[K] extends readonly (infer State)[]
    ? readonly StreamRef<State>[]
    : StreamRef<Context[K]>;
};

/** Reads one stream's state: the Ledger reads the store, replay its own walk through the log. */
export type StateReader = <State>(ref: StreamRef<State>) => Promise<State> | State;

/** Loads every related stream with `read`, keeping the shape of the refs. */
type AnyRefs = Readonly<Record<string, StreamRef<unknown> | readonly StreamRef<unknown>[]>>;

/** Loads every related stream with `read`, keeping the shape of the refs. */
export const resolveRelated = async <Context>(
  refs: RelatedRefs<Context>,
  read: StateReader,
): Promise<Context> => {
  // Object.entries forgets the per-key types that RelatedRefs<Context> guarantees, and fromEntries too.
  const entries = await Promise.all(
    Object.entries(refs as AnyRefs).map(async ([key, value]) => {
      const state = isList(value) ? await Promise.all(value.map((r) => read(r))) : await read(value);
      return [key, state] as const;
    }),
  );
  return Object.fromEntries(entries) as Context;
};

const isList = (
  value: StreamRef<unknown> | readonly StreamRef<unknown>[],
): value is readonly StreamRef<unknown>[] => Array.isArray(value);
