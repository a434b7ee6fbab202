export * from './backoff';
export * from './health-server';
export * from './progress';
export * from './seeded-random';
