import type { StackDoc } from '../projections/stacks';
import { stackStatusAt } from './stack-status';

const ms = (instant: string) => Date.parse(instant);

const doc = (change: Partial<StackDoc> = {}): StackDoc => ({
  stackId: 'stack-1',
  issuerId: 'uni-1',
  pathwayId: 'path-1',
  learnerId: 'lrn-1',
  componentCredentialIds: ['c1', 'c2'],
  totalEcts: 6,
  awardedAt: '2026-02-01T09:00:00Z',
  validUntil: '2027-02-01T00:00:00Z',
  zeroEctsComponentIds: [],
  status: 'awarded',
  invalidation: null,
  formerComponents: [],
  history: [
    { status: 'awarded', componentCredentialIds: [], at: '2026-02-01T09:00:00Z' },
    { status: 'suspended', componentCredentialIds: ['c2'], at: '2026-03-01T09:00:00Z' },
    { status: 'awarded', componentCredentialIds: [], at: '2026-04-01T09:00:00Z' },
  ],
  ...change,
});

describe('A stack’s status at an instant', () => {
  it.each([
    ['before its award', '2026-01-01T00:00:00Z', { status: 'not-yet-valid', since: null }],
    ['after its award', '2026-02-15T00:00:00Z', { status: 'active', since: '2026-02-01T09:00:00Z' }],
    [
      'while a needed component was suspended',
      '2026-03-15T00:00:00Z',
      { status: 'suspended', causedBy: ['c2'], since: '2026-03-01T09:00:00Z' },
    ],
    ['after the reinstatement', '2026-05-01T00:00:00Z', { status: 'active', since: '2026-04-01T09:00:00Z' }],
    [
      "from its components' earliest end",
      '2027-02-01T00:00:00Z',
      { status: 'expired', since: '2027-02-01T00:00:00Z' },
    ],
  ])('is judged %s', (_, at, expected) => expect(stackStatusAt(doc(), ms(at))).toMatchObject(expected));

  it('is invalidated from its invalidation on, expiry or not', () => {
    const invalidated = doc({
      status: 'invalidated',
      history: [
        { status: 'awarded', componentCredentialIds: [], at: '2026-02-01T09:00:00Z' },
        { status: 'invalidated', componentCredentialIds: ['c1'], at: '2026-03-01T09:00:00Z' },
      ],
    });
    expect(stackStatusAt(invalidated, ms('2026-02-15T00:00:00Z')).status).toBe('active');
    expect(stackStatusAt(invalidated, ms('2028-01-01T00:00:00Z'))).toEqual({
      status: 'invalidated',
      causedBy: ['c1'],
      since: '2026-03-01T09:00:00Z',
    });
  });

  it('reads a document stored before stacks kept a history as its one recorded status', () => {
    const old = { ...doc(), history: undefined } as unknown as StackDoc;
    expect(stackStatusAt(old, ms('2026-03-15T00:00:00Z')).status).toBe('active');
  });
});
