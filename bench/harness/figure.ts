/**
 * One row of the report. Every measured figure sits beside the baseline or peer measured in the
 * same run: on a shared, noisy machine only that ratio means something.
 */
export type FigureStatus = 'measured' | 'skipped' | 'not-landed' | 'unavailable' | 'failed';

export type Baseline = Readonly<{ name: string; value: number | null }>;

export type Target = Readonly<{
  /** As the issue states it, e.g. "≥ 20,000/s". */
  text: string;
  /** null when the figure could not be measured. */
  met: boolean | null;
}>;

export type Conditions = Readonly<Record<string, unknown>>;

export type Figure = Readonly<{
  scenario: string;
  figure: string;
  status: FigureStatus;
  value: number | null;
  unit: string;
  baseline?: Baseline;
  /** value / baseline.value, when both were measured. */
  ratio: number | null;
  target?: Target;
  /** Why a figure is missing, or what to keep in mind when reading it. */
  note?: string;
  conditions: Conditions;
}>;

/** A check of the figure against its target: the value, and the ratio to the baseline. */
export type Goal = Readonly<{ text: string; check: (value: number, ratio: number | null) => boolean }>;

export const atLeast = (min: number, unit = ''): Goal => ({
  text: `≥ ${min.toLocaleString('en-US')}${unit}`,
  check: (value) => value >= min,
});

export const atMost = (max: number, unit = ''): Goal => ({
  text: `≤ ${max.toLocaleString('en-US')}${unit}`,
  check: (value) => value <= max,
});

export const ratioAtLeast = (min: number, of: string): Goal => ({
  text: `≥ ${min}× ${of}`,
  check: (_, ratio) => ratio !== null && ratio >= min,
});

/** Every goal must hold. */
export const allOf = (...goals: Goal[]): Goal => ({
  text: goals.map((g) => g.text).join('; '),
  check: (value, ratio) => goals.every((g) => g.check(value, ratio)),
});

type MeasuredInput = Readonly<{
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: Baseline;
  goal?: Goal;
  note?: string;
  conditions: Conditions;
}>;

const ratioOf = (value: number, baseline?: Baseline): number | null =>
  baseline?.value && Number.isFinite(baseline.value) && baseline.value !== 0 ? value / baseline.value : null;

export const measured = ({ goal, ...input }: MeasuredInput): Figure => {
  const ratio = ratioOf(input.value, input.baseline);
  return {
    ...input,
    status: 'measured',
    ratio,
    ...(goal ? { target: { text: goal.text, met: goal.check(input.value, ratio) } } : {}),
  };
};

type MissingInput = Readonly<{
  scenario: string;
  figure: string;
  unit: string;
  reason: string;
  baseline?: Baseline;
  goal?: Goal;
  conditions?: Conditions;
}>;

/** A row saying why there is no value: the table keeps every figure the issue asks for. */
export const missing = (status: Exclude<FigureStatus, 'measured'>, input: MissingInput): Figure => ({
  scenario: input.scenario,
  figure: input.figure,
  status,
  value: null,
  unit: input.unit,
  ...(input.baseline ? { baseline: input.baseline } : {}),
  ratio: null,
  ...(input.goal ? { target: { text: input.goal.text, met: null } } : {}),
  note: input.reason,
  conditions: input.conditions ?? {},
});
