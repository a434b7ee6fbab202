import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { EventStore } from '@credence/event-store';
import {
  ActiveRuleset,
  ActiveRulesetGate,
  Ledger,
  LEDGER_REACTIONS,
  LedgerReactor,
  RefusalLimiter,
  RulesGate,
} from '@credence/ledger';
import { loadRulesetDirectory } from '@credence/rules';
import { LedgerConfig } from '../config';
import { Metrics } from '../observability/metrics';
import { Startup } from './startup';

/** The framework-free application layer, wired for Nest. */
export const LedgerProviders: Provider[] = [
  {
    provide: ActiveRuleset,
    inject: [EventStore, LedgerConfig],
    // Fails start-up on any invalid ruleset file, naming the file and rule.
    useFactory: (store: EventStore, config: LedgerConfig) =>
      new ActiveRuleset(store, loadRulesetDirectory(config.rulesDir)),
  },
  {
    provide: RulesGate,
    inject: [ActiveRuleset, EventStore, Metrics, LedgerConfig],
    useFactory: (rulesets: ActiveRuleset, store: EventStore, metrics: Metrics, config: LedgerConfig) =>
      new ActiveRulesetGate(
        rulesets,
        store,
        metrics,
        new RefusalLimiter(config.security.refusalLimit, config.security.rateWindowMs),
      ),
  },
  {
    provide: Ledger,
    inject: [EventStore, RulesGate],
    useFactory: (store: EventStore, gate: RulesGate) => new Ledger(store, gate),
  },
  {
    provide: LedgerReactor,
    inject: [Ledger, EventStore, LedgerConfig],
    useFactory: (ledger: Ledger, store: EventStore, config: LedgerConfig) =>
      new LedgerReactor(ledger, store, join(config.dataDir, 'reactors.sqlite'), LEDGER_REACTIONS),
  },
  Startup,
];
