import type { Scenario } from '../harness/scenario';
import { apiScenario } from './api';
import { appendScenario } from './append';
import { batchScenario } from './batches';
import { rebuildScenario } from './rebuild';
import { relayScenario } from './relay';
import { rulesScenario } from './rules';
import { tlogScenario } from './tlog';
import { validationScenario } from './validation';

/** In the order they run: in-process loops first, then everything that shares the seeded log. */
export const SCENARIOS: readonly Scenario[] = [
  appendScenario,
  rulesScenario,
  validationScenario,
  tlogScenario,
  rebuildScenario,
  relayScenario,
  apiScenario,
  batchScenario,
];
