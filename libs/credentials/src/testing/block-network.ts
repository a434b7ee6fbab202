import { Socket } from 'node:net';

/**
 * Blocks outbound connections for the duration of a test: every TCP connect (http, https, fetch
 * all end there) throws. Returns the undo. Proves "offline" instead of assuming it.
 */
export const blockNetwork = (): (() => void) => {
  const connect = Socket.prototype.connect;
  Socket.prototype.connect = function blocked(...args: unknown[]) {
    throw new Error(`network blocked in this test: connect(${JSON.stringify(args[0])})`);
  } as typeof connect;
  return () => {
    Socket.prototype.connect = connect;
  };
};
