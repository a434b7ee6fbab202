import { UnderWay } from './under-way';

describe('UnderWay', () => {
  it('given work under way for a key, when more callers ask for it, then it runs once and all get its result', async () => {
    const underWay = new UnderWay<string, { run: number }>();
    let started = 0;
    const work = async () => {
      const run = { run: (started += 1) };
      await new Promise((resolve) => setTimeout(resolve, 10));
      return run;
    };

    const results = await Promise.all([
      underWay.run('a', work),
      underWay.run('a', work),
      underWay.run('b', work),
    ]);

    expect(started).toBe(2);
    expect(results[0]).toBe(results[1]);
    expect(results[2]).not.toBe(results[0]);
  });

  it('given work that failed, when the key is asked for again, then it is started afresh', async () => {
    const underWay = new UnderWay<string, string>();
    await expect(underWay.run('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');

    await expect(underWay.run('a', async () => 'again')).resolves.toBe('again');
  });
});
