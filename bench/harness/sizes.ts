/**
 * How long and how big each scenario runs. `quick` (the default) fits in about three minutes on two
 * cores; `full` is the long version; `tiny` only proves the harness works (the smoke test).
 */
export type SizeName = 'tiny' | 'quick' | 'full';

export type Sizes = Readonly<{
  name: SizeName;
  append: Readonly<{
    writers: number;
    streams: number;
    zipfExponent: number;
    seconds: number;
    singleSeconds: number;
    warmupSeconds: number;
  }>;
  /**
   * HTTP loads. Issuance loads send `issuances` requests each (half as many to warm up), each
   * citing its own assessment recorded beforehand: about `seconds` long at 3,000 issuances/s.
   */
  http: Readonly<{
    connections: number;
    seconds: number;
    warmupSeconds: number;
    readIds: number;
    issuances: number;
  }>;
  /** The seeded log that rebuild, scan, relay and the API's memory figures run on. */
  log: Readonly<{ events: number }>;
  relay: Readonly<{ events: number }>;
  rules: Readonly<{ seconds: number }>;
  /** The longest the API may take to go idle after start (its background catch-up) before "at rest". */
  memory: Readonly<{ settleSeconds: number }>;
  /** The transparency log: the tree size for inclusion proofs, and how long to generate them. */
  tlog: Readonly<{ proofTreeSize: number; proofSeconds: number }>;
  /** Bulk issuance: rows in the batch, and the same number of rows issued one request at a time. */
  batches: Readonly<{ rows: number }>;
}>;

const APPEND = { writers: 64, streams: 10_000, zipfExponent: 1.0 };

export const SIZES: Readonly<Record<SizeName, Sizes>> = {
  tiny: {
    name: 'tiny',
    append: { ...APPEND, streams: 500, seconds: 0.4, singleSeconds: 0.3, warmupSeconds: 0.1 },
    http: { connections: 8, seconds: 1, warmupSeconds: 0, readIds: 5, issuances: 200 },
    log: { events: 2_000 },
    relay: { events: 1_000 },
    rules: { seconds: 0.2 },
    memory: { settleSeconds: 5 },
    tlog: { proofTreeSize: 2_000, proofSeconds: 0.2 },
    batches: { rows: 100 },
  },
  quick: {
    name: 'quick',
    append: { ...APPEND, seconds: 4, singleSeconds: 2.5, warmupSeconds: 0.5 },
    http: { connections: 64, seconds: 6, warmupSeconds: 1.5, readIds: 200, issuances: 18_000 },
    log: { events: 200_000 },
    relay: { events: 50_000 },
    rules: { seconds: 2 },
    // A first start over the quick log's 200k events catches up in 25-35 s of CPU: 30 s sampled it mid-way.
    memory: { settleSeconds: 90 },
    tlog: { proofTreeSize: 1_000_000, proofSeconds: 2 },
    batches: { rows: 10_000 },
  },
  full: {
    name: 'full',
    append: { ...APPEND, seconds: 20, singleSeconds: 10, warmupSeconds: 2 },
    http: { connections: 64, seconds: 30, warmupSeconds: 5, readIds: 2_000, issuances: 90_000 },
    log: { events: 1_000_000 },
    relay: { events: 200_000 },
    rules: { seconds: 10 },
    memory: { settleSeconds: 120 },
    tlog: { proofTreeSize: 1_000_000, proofSeconds: 10 },
    batches: { rows: 10_000 },
  },
};
