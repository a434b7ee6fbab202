import { instantMs } from '../time';
import type { StackEvent } from './events';
import { type RecordedStackEvent, stackStatusFrom } from './history';

/*
 * Given a stack's recorded events (each taking effect when recorded: a stack follows its components'
 * changes as the reactor records them), when asked its status at an instant as known at another,
 * then lifecycleAt's rules answer: absent as known before the award, suspensions hold until their
 * reinstatement, an invalidation is final, and the period ends at the components' earliest end as
 * known then.
 */
const day = (mmdd: string) => `2026-${mmdd}T00:00:00Z`;
const ids = { stackId: 's-1', issuerId: 'uni-1' };
const recorded = (recordedAt: string, event: Pick<StackEvent, 'type' | 'data'>) =>
  ({ ...event, metadata: {}, recordedAt }) as unknown as RecordedStackEvent;
const awarded = recorded(day('02-01'), {
  type: 'StackedCredentialAwarded',
  data: {
    ...ids,
    pathwayId: 'p-1',
    learnerId: 'l-1',
    componentCredentialIds: ['c1', 'c2', 'c3'],
    totalEcts: 9,
    awardedAt: day('02-01'),
    validUntil: '2027-02-01T00:00:00Z',
  },
});
const suspended = recorded(day('03-01'), {
  type: 'StackedCredentialSuspended',
  data: { ...ids, suspendedComponentIds: ['c2'] },
});
const reinstated = recorded(day('04-01'), { type: 'StackedCredentialReinstated', data: ids });
const lost = recorded(day('05-01'), {
  type: 'StackComponentLost',
  data: {
    ...ids,
    componentCredentialId: 'c3',
    reason: 'fraud',
    componentCredentialIds: ['c1', 'c2'],
    totalEcts: 6,
    validUntil: '2026-09-01T00:00:00Z',
  },
});
const invalidated = recorded(day('06-01'), {
  type: 'StackedCredentialInvalidated',
  data: { ...ids, reason: 'component-revoked', componentCredentialId: 'c1' },
});
const given = (...history: RecordedStackEvent[]) => ({
  at: (at: string, asOf = '2028-01-01T00:00:00Z') =>
    stackStatusFrom(history, { atMs: instantMs(at), asOfMs: instantMs(asOf) }),
});

describe('stackStatusFrom: a stack’s status at an instant, as known at another', () => {
  it('is absent as known before the award was recorded, not yet valid before its award', () => {
    expect(given(awarded).at(day('03-01'), day('01-15'))).toEqual({
      status: 'absent',
      causedBy: [],
      since: null,
      recordedAt: null,
      validUntil: null,
    });
    expect(given(awarded).at(day('01-15'))).toMatchObject({ status: 'not-yet-valid', since: null });
  });

  it('is active from its award until its components’ earliest end, then expired', () => {
    expect(given(awarded).at(day('03-01'))).toEqual({
      status: 'active',
      causedBy: [],
      since: day('02-01'),
      recordedAt: day('02-01'),
      validUntil: '2027-02-01T00:00:00Z',
    });
    expect(given(awarded).at('2027-03-01T00:00:00Z')).toMatchObject({
      status: 'expired',
      since: '2027-02-01T00:00:00Z',
    });
  });

  describe('suspended on 1 March, reinstated on 1 April', () => {
    const stack = given(awarded, suspended, reinstated);
    it('is suspended in between, naming the component, and active again after', () => {
      expect(stack.at(day('03-15'))).toMatchObject({
        status: 'suspended',
        causedBy: ['c2'],
        since: day('03-01'),
      });
      expect(stack.at(day('04-15'))).toMatchObject({ status: 'active', since: day('04-01') });
    });
    it('as known on 15 March, was still suspended on 1 May', () =>
      expect(stack.at(day('05-01'), day('03-15'))).toMatchObject({ status: 'suspended' }));
    it('as known on 15 February, was active on 15 March', () =>
      expect(stack.at(day('03-15'), day('02-15'))).toMatchObject({ status: 'active', since: day('02-01') }));
  });

  describe('a component lost on 1 May that ended earlier than the others', () => {
    const stack = given(awarded, lost);
    it('ends at the remaining components’ earliest end as known now', () =>
      expect(stack.at(day('10-01'))).toMatchObject({
        status: 'expired',
        since: '2026-09-01T00:00:00Z',
        validUntil: '2026-09-01T00:00:00Z',
      }));
    it('as known before the loss, was to stay valid until the award’s end', () =>
      expect(stack.at(day('10-01'), day('04-15'))).toMatchObject({
        status: 'active',
        validUntil: '2027-02-01T00:00:00Z',
      }));
  });

  describe('invalidated on 1 June', () => {
    const stack = given(awarded, suspended, reinstated, lost, invalidated);
    it('is invalidated from then on, past any expiry, naming the component', () => {
      expect(stack.at(day('06-01'))).toMatchObject({
        status: 'invalidated',
        causedBy: ['c1'],
        since: day('06-01'),
        recordedAt: day('06-01'),
      });
      expect(stack.at('2027-06-01T00:00:00Z').status).toBe('invalidated');
    });
    it('was active just before, and as known before it was recorded', () => {
      expect(stack.at(day('05-31')).status).toBe('active');
      expect(stack.at(day('07-01'), day('05-31')).status).toBe('active');
    });
  });
});
