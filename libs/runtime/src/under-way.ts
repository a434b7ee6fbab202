/**
 * Work under way, by key: a caller that asks for a key whose work has started gets that work's
 * promise instead of starting it again (a burst of requests for one signature or one proof check
 * does it once). The key is forgotten once the work settles, so a failure is tried afresh.
 */
export class UnderWay<K, V> {
  private readonly pending = new Map<K, Promise<V>>();

  run(key: K, start: () => Promise<V>): Promise<V> {
    let promise = this.pending.get(key);
    if (!promise) {
      promise = start().finally(() => this.pending.delete(key));
      this.pending.set(key, promise);
    }
    return promise;
  }
}
