/**
 * Polls `probe` until `done` holds, or gives up after `attempts` and returns the last answer (the
 * reactor and the projector run beside the API, so their effects arrive a moment after the reply).
 */
export const eventually = async <T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  attempts = 80,
): Promise<T> => {
  let value = await probe();
  for (let i = 0; i < attempts && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
};
