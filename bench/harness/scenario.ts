import type { Figure } from './figure';
import type { Sizes } from './sizes';
import type { SeededLog } from '../workload/seed-log';

export type ScenarioContext = Readonly<{
  sizes: Sizes;
  /** A fresh directory of this run, removed afterwards. */
  workDir: string;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
  /** The log of `sizes.log.events` events shared by rebuild, relay and the API; seeded on first use. */
  seededLog: () => Promise<SeededLog>;
}>;

export type Scenario = Readonly<{
  /** The scenario numbers (1..7) whose figures this produces; `--only` selects by them. */
  ids: readonly string[];
  title: string;
  run: (context: ScenarioContext) => Promise<Figure[]>;
}>;
