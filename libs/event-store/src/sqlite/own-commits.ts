const OWN_HEAD = 0;
const GAP_END = 1;

/**
 * What a writer thread tells its store's main thread about the log without a message: the head
 * after its last commit, and the highest position below which it saw a commit that was not its own
 * (another process's: a transaction whose head at BEGIN was past the head its previous commit
 * left). Shared memory rather than a message because the main thread may see the commit in the
 * file (PRAGMA data_version) before the commit's message reaches it: it must then tell at once
 * whether every new event is the writer's, or count the change as another process's.
 */
export class OwnCommits {
  private readonly cells: BigInt64Array;

  /** `head`: the log's head when the store opened; every event up to it is accounted for. */
  constructor(
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16),
    head?: number,
  ) {
    this.cells = new BigInt64Array(buffer);
    if (head !== undefined) Atomics.store(this.cells, OWN_HEAD, BigInt(head));
  }

  /** The writer, right after COMMIT. The gap is published before the head that covers it. */
  committed(headBefore: number, head: number): void {
    if (BigInt(headBefore) > Atomics.load(this.cells, OWN_HEAD))
      Atomics.store(this.cells, GAP_END, BigInt(headBefore));
    Atomics.store(this.cells, OWN_HEAD, BigInt(head));
  }

  /**
   * Whether every event after `accounted` up to `head` is the writer's. Read after `head` was read
   * from the file: a writer commit that lands between the two reads only makes this more true,
   * and one whose publication is not visible yet makes it answer false (a needless re-read, never
   * a stale one). Any gap the writer has seen past `accounted` answers false.
   */
  explains(accounted: number, head: number): boolean {
    const ownHead = Number(Atomics.load(this.cells, OWN_HEAD));
    return head <= ownHead && Number(Atomics.load(this.cells, GAP_END)) <= accounted;
  }
}
