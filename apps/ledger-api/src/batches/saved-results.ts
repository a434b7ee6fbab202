import type { RowStatus } from './batch-store';

export type StatusCounts = Record<RowStatus, number>;

/**
 * One batch's saved results in row order, each as the JSON text a poll shows, kept between polls.
 * A saved result is never changed or removed (the first one is the answer), so a memo holding as
 * many results as the table does holds the same ones: a count tells whether it is current.
 */
export class SavedResults {
  private readonly rows: number[] = [];
  private readonly texts: string[] = [];
  private joined: string | undefined;
  private readonly byStatus: StatusCounts = { issued: 0, failed: 0, 'skipped-as-duplicate': 0 };

  get size(): number {
    return this.rows.length;
  }

  get counts(): Readonly<StatusCounts> {
    return this.byStatus;
  }

  add(row: number, status: RowStatus, text: string): void {
    const at = this.placeOf(row);
    this.rows.splice(at, 0, row);
    this.texts.splice(at, 0, text);
    this.byStatus[status] += 1;
    this.joined = undefined;
  }

  /** The results as one JSON array text, joined again only after a result was added. */
  json(): string {
    return (this.joined ??= `[${this.texts.join(',')}]`);
  }

  /** Where `row` goes to keep row order: results come in the order rows finish, not their own. */
  private placeOf(row: number): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.rows[middle] < row) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
