/** The read side's one error family; the API maps `kind` to a status. */
export type ReadModelErrorKind = 'invalid' | 'not-found' | 'behind' | 'conflict' | 'unavailable';

export class ReadModelError extends Error {
  constructor(
    readonly kind: ReadModelErrorKind,
    /** Stable, machine-readable, e.g. `projection.behind`. */
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Another writer advanced a checkpoint this projector was about to move: it reloads and resumes. */
export class CheckpointMovedError extends ReadModelError {
  constructor(
    readonly projection: string,
    readonly expected: string | null,
  ) {
    super('conflict', 'checkpoint.moved', `Checkpoint of ${projection} is no longer ${String(expected)}`);
  }
}
