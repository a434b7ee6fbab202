/** A one-line progress bar with rate and ETA on a terminal; silent elsewhere (CI logs, pipes). */
export const progressBar = (label: string, stream: NodeJS.WriteStream = process.stderr) => {
  const started = Date.now();
  const enabled = stream.isTTY === true;
  return {
    update(done: number, total: number | null): void {
      if (!enabled) return;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const rate = done / seconds;
      const share = total ? Math.min(done / total, 1) : 0;
      const bar = total ? `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${(share * 100).toFixed(0)}% ` : '';
      const eta = total && rate > 0 ? ` ETA ${Math.ceil((total - done) / rate)}s` : '';
      stream.write(`\r${label} ${bar}${done.toLocaleString('en')}${total ? `/${total.toLocaleString('en')}` : ''} events, ${Math.round(rate).toLocaleString('en')} ev/s${eta}   `);
    },
    done(): void {
      if (enabled) stream.write('\n');
    },
  };
};
