export * from './open';
export * from './change-counter';
