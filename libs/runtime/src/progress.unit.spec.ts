import { sequenceDistance } from '@credence/event-store';
import { ProgressMeter, renderProgress } from './progress';

describe('progress', () => {
  it('derives events per second and the time left from a clock', () => {
    let now = 0;
    const meter = new ProgressMeter(sequenceDistance(null, '1000'), () => now);
    now = 2000;
    expect(meter.add(400)).toEqual({ processed: 400, total: 1000, eventsPerSecond: 200, etaSeconds: 3 });
  });

  it('renders a bar with percent, counts, rate and ETA', () => {
    expect(renderProgress({ processed: 500, total: 1000, eventsPerSecond: 1234.4, etaSeconds: 65 }, 10)).toBe(
      '[#####-----]  50%  500/1,000 events  1,234 ev/s  ETA 01:05',
    );
  });

  it('names what it counts when told (rows of a credential batch)', () => {
    expect(
      renderProgress({ processed: 250, total: 1000, eventsPerSecond: 99.6, etaSeconds: 8 }, 4, {
        plural: 'rows',
        perSecond: 'rows/s',
      }),
    ).toBe('[#---]  25%  250/1,000 rows  100 rows/s  ETA 00:08');
  });

  it('shows count and rate only where the log has no sequence positions (EventStoreDB)', () => {
    const meter = new ProgressMeter(sequenceDistance(null, '120:118'), () => 0);
    expect(meter.total).toBeNull();
    expect(renderProgress(meter.add(10))).toBe('10 events  0 ev/s');
  });
});
