/**
 * What an adapter reports about its writes, for metrics. A port rather than a metrics library, so
 * the store stays free of one: ledger-api passes a Prometheus-backed implementation.
 */
export interface AppendObserver {
  /** One append answered: seconds from the call to the commit, and the types of the events it added (none on a retry). */
  appended(seconds: number, newEventTypes: readonly string[]): void;
  /** One group-commit transaction committed, carrying this many appends. */
  committed(appends: number): void;
}
