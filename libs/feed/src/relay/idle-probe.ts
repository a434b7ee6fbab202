import { rootMessage } from './kafka-errors';

export type IdleProbeOptions = Readonly<{
  intervalMs: number;
  /** True while a batch is being published: its own retry loop reports on Kafka then. */
  busy: () => boolean;
  probe: () => Promise<void>;
  onDown: (message: string) => void;
  onUp: () => void;
}>;

/**
 * A quiet ledger sends nothing, so a dead broker would go unnoticed until the next event. While
 * idle, this asks Kafka now and then whether it answers. Returns a function that stops it.
 */
export const startIdleProbe = (options: IdleProbeOptions): (() => void) => {
  if (options.intervalMs <= 0) return () => undefined;
  let running = false;
  const tick = async () => {
    if (running || options.busy()) return;
    running = true;
    try {
      await options.probe();
      if (!options.busy()) options.onUp();
    } catch (error) {
      if (!options.busy()) options.onDown(rootMessage(error));
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};
