export * from './errors';
export * from './ledger';
export * from './stack-invalidation';
export * from './active-ruleset';
export * from './rules-gate';
export * from './facts';
export * from './past-decisions';
export * from './replay';
