export * from './open';
export * from './checkpointer';
