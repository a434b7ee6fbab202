import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only what the console draws, so the bundle carries no unused chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export type Series = Readonly<{ label: string; values: readonly number[] }>;

/** Colour-blind-safe (Okabe–Ito), readable on white. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

type Props = Readonly<{
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  stacked?: boolean;
}>;

/**
 * A bar chart on a canvas, with the same numbers as a table beside it for screen readers and for
 * anyone who wants the figures (the canvas alone says nothing to assistive technology).
 */
export const BarChart = ({ title, labels, series, stacked = false }: Props) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: [...labels],
        datasets: series.map((s, i) => ({
          label: s.label,
          data: [...s.values],
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: series.length > 1 } },
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    const chart = new Chart(canvas.current!, config);
    return () => chart.destroy();
    // Keyed by content: callers build fresh arrays on every render, the chart only redraws on new data.
  }, [JSON.stringify([labels, series, stacked])]);
  const empty = labels.length === 0;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {empty ? (
        <p class="muted">No data yet.</p>
      ) : (
        <div class="chart-box">
          <canvas
            ref={canvas}
            role="img"
            aria-label={`${title}: bar chart; the figures are in the table below`}
            data-points={series.reduce((n, s) => n + s.values.length, 0)}
          />
        </div>
      )}
      {!empty && (
        <details>
          <summary>Figures</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">&nbsp;</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, row) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{s.values[row]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
};
