import { evolveStatus } from '../credential-status';
import { ledgerMessage, statusMessage } from '../messages';
import { chained, credentialIssued } from '../testing/events';
import { TailHandler, type ConsumedMessage } from './tail-message';

const at = (
  offset: number,
  m: { key: string; value: string; headers: Record<string, string> },
): ConsumedMessage => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  ...m,
});

describe('TailHandler', () => {
  const [issued] = chained('credential-c1', [credentialIssued('c1')]);

  it('passes status records through once, deduped by credential and event', () => {
    const handler = new TailHandler();
    const message = statusMessage(evolveStatus(null, issued)!);
    expect(handler.handle(at(0, message))).toMatchObject({ kind: 'line', line: message.value });
    expect(handler.handle(at(1, message)).kind).toBe('duplicate');
  });

  it('flags a message that is not an envelope instead of failing the tail', () => {
    const outcome = new TailHandler().handle(at(3, { ...ledgerMessage(issued), value: '{"hello":1}' }));
    expect(outcome).toMatchObject({
      kind: 'broken',
      broken: { offset: '3', reason: 'unreadable message: not a ledger event envelope' },
    });
    expect(JSON.parse((outcome as { line: string }).line)).toMatchObject({ value: { hello: 1 } });
  });
});
