import { ProgressMeter, type ProgressUnit, renderProgress } from '@credence/runtime';

/**
 * One progress line for `total` units: on a terminal a bar redrawn in place (done/all, rate, ETA);
 * elsewhere, where `\r` would litter a log, one plain line when the work is done.
 */
export const progressLine = (stream: NodeJS.WriteStream, total: number, unit: ProgressUnit, label = '') => {
  const meter = new ProgressMeter(total);
  return (done: number) => {
    const progress = meter.reach(done);
    const finished = done >= total;
    if (stream.isTTY)
      stream.write(`\r${label}${renderProgress(progress, 30, unit)}\x1b[K${finished ? '\n' : ''}`);
    else if (finished && label) stream.write(`${label}${done.toLocaleString('en-US')} ${unit.plural}\n`);
  };
};
