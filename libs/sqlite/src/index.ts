export * from './open';
export * from './change-counter';
export * from './checkpointer';
export * from './prepared';
