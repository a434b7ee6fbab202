export * from './backoff';
export * from './health-server';
export * from './progress';
export * from './lag-metrics';
export * from './logging';
export * from './seeded-random';
export * from './lru-map';
export * from './under-way';
