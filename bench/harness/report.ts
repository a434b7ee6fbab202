import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './figure';
import type { MachineConditions } from './machine';

export type RunResult = Readonly<{
  startedAt: string;
  finishedAt: string;
  size: string;
  machine: MachineConditions;
  figures: readonly Figure[];
}>;

export const formatNumber = (value: number | null | undefined): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

const withUnit = (value: number | null, unit: string) =>
  value === null ? '—' : `${formatNumber(value)} ${unit}`;

const STATUS_TEXT = {
  'not-landed': 'not landed',
  skipped: 'skipped',
  unavailable: 'unavailable',
  failed: 'FAILED',
} as const;

const met = (figure: Figure): string => {
  if (figure.status !== 'measured') return STATUS_TEXT[figure.status];
  if (!figure.target) return '—';
  return figure.target.met ? 'yes' : '**no**';
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The run as a markdown table: figure, value, baseline, ratio, target, met; notes underneath. */
export const markdownTable = (result: RunResult): string => {
  const m = result.machine;
  const lines = [
    `Credence bench, ${result.size} mode, ${result.startedAt} · ${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB, ` +
      `Node ${m.node}, load ${m.loadAverage1m}${m.commit ? `, commit ${m.commit}` : ''}`,
    '',
    '| Figure | Value | Baseline / peer | Ratio | Target | Met |',
    '|---|---|---|---|---|---|',
  ];
  const notes: string[] = [];
  for (const f of result.figures) {
    const baseline = f.baseline ? `${f.baseline.name}: ${withUnit(f.baseline.value, f.unit)}` : '—';
    const ratio = f.ratio === null ? '—' : `${formatNumber(f.ratio)}×`;
    let name = `${f.scenario} · ${f.figure}`;
    if (f.note) {
      notes.push(f.note);
      name += ` [${notes.length}]`;
    }
    lines.push(
      `| ${cell(name)} | ${withUnit(f.value, f.unit)} | ${cell(baseline)} | ${ratio} | ${cell(f.target?.text ?? '—')} | ${met(f)} |`,
    );
  }
  if (notes.length > 0) lines.push('', ...notes.map((note, i) => `[${i + 1}] ${note}`));
  return lines.join('\n');
};

/** Writes `<dir>/<timestamp>.json` and returns its path. */
export const writeResult = (dir: string, result: RunResult): string => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
};
