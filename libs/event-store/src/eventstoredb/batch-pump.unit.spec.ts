import { PassThrough } from 'node:stream';
import { pumpInBatches } from './batch-pump';

const source = (...items: number[]) => {
  const stream = new PassThrough({ objectMode: true });
  for (const item of items) stream.write(item);
  return stream;
};

/** Records batches; lets a test act between batches. */
const recorder = (
  onBatch: (batch: number[], batches: number[][]) => void | Promise<void> = () => undefined,
) => {
  const batches: number[][] = [];
  const handle = async (batch: number[]) => {
    batches.push(batch);
    await onBatch(batch, batches);
  };
  return { batches, handle };
};

describe('pumpInBatches', () => {
  it('delivers what has arrived in batches of at most the given size, in order, until the end', async () => {
    const stream = source(1, 2, 3, 4, 5);
    const { batches, handle } = recorder((_batch, all) => {
      if (all.length === 1) {
        stream.write(6);
        stream.end();
      }
    });
    await pumpInBatches(stream, 2, handle);
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batches.every((batch) => batch.length <= 2)).toBe(true);
    expect(batches[0]).toEqual([1, 2]);
  });

  it('waits for items that arrive later', async () => {
    const stream = source();
    const { batches, handle } = recorder();
    const pumping = pumpInBatches(stream, 10, handle);
    setImmediate(() => {
      stream.write(7);
      setImmediate(() => stream.end(8));
    });
    await pumping;
    expect(batches.flat()).toEqual([7, 8]);
  });

  it('does not read the next batch before the handler settles, and stops on its error', async () => {
    const stream = source(1, 2, 3);
    const { batches, handle } = recorder(() => Promise.reject(new Error('projection failed')));
    await expect(pumpInBatches(stream, 1, handle)).rejects.toThrow('projection failed');
    expect(batches).toEqual([[1]]);
  });

  it('delivers what arrived before a stream failure, then rejects with it', async () => {
    const stream = source(1, 2);
    const { batches, handle } = recorder();
    setImmediate(() => stream.emit('error', new Error('connection lost')));
    const pumping = pumpInBatches(stream, 5, handle);
    await expect(pumping).rejects.toThrow('connection lost');
    expect(batches.flat()).toEqual([1, 2]);
  });

  it('resolves when stopped, without delivering more', async () => {
    const stream = source(1, 2, 3);
    let stopped = false;
    const { batches, handle } = recorder(() => {
      stopped = true;
    });
    await pumpInBatches(stream, 1, handle, () => stopped);
    expect(batches).toEqual([[1]]);
  });

  it('resolves when the stream is destroyed while waiting', async () => {
    const stream = source();
    const pumping = pumpInBatches(stream, 1, recorder().handle);
    setImmediate(() => stream.destroy());
    await expect(pumping).resolves.toBeUndefined();
  });
});
