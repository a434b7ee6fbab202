export * from './envelope';
export * from './errors';
export * from './position';
export * from './chain';
export * from './event-store';
export * from './handle-command';
export * from './open';
export * from './observer';
