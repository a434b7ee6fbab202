/**
 * Rule refusals per principal in a fixed window. Each refusal appends a QualityCheckFailed, so a
 * buggy client retrying a refused command in a loop would flood its issuer's compliance stream;
 * past the limit the command is answered 429 and nothing is recorded. Per process: with several API
 * processes the bound is the limit times their number, still a bound.
 */
export class RefusalLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one refusal for `principalId`: undefined when it may be recorded, else seconds to wait. */
  take(principalId: string): number | undefined {
    const now = this.clock();
    this.forgetEnded(now);
    const window = this.windows.get(principalId) ?? { start: now, count: 0 };
    this.windows.set(principalId, window);
    if (window.count >= this.limit)
      return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    window.count++;
    return undefined;
  }

  /** Ended windows are dropped, so the map holds only principals refused in the current window. */
  private forgetEnded(now: number): void {
    for (const [id, window] of this.windows) if (now >= window.start + this.windowMs) this.windows.delete(id);
  }
}
