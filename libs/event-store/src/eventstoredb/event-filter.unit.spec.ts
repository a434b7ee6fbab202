import { credenceEventPredicate, eventTypesFilter } from './event-filter';

/** Some of the caller's types; the store knows only what it is handed. */
const EVENT_TYPES = ['CredentialIssued', 'CredentialRevoked', 'IssuerRegistered', 'QualityCheckFailed'];

describe('EventStoreDB $all filters', () => {
  const filter = eventTypesFilter(EVENT_TYPES);
  const matches = (type: string) => new RegExp(filter.regex).test(type);

  it('filters the subscription on event type, server-side', () => {
    expect(filter.filterOn).toBe('eventType');
  });

  it('matches every event type it is given', () => {
    expect(EVENT_TYPES.filter((type) => !matches(type))).toEqual([]);
  });

  it.each([
    '$metadata',
    '$>',
    '$streamCreated',
    'CredentialIssuedV2',
    'XCredentialIssued',
    'credentialissued',
  ])('does not match %s', (type) => expect(matches(type)).toBe(false));

  it('escapes regex characters in type names', () => {
    const dotted = new RegExp(eventTypesFilter(['a.b']).regex);
    expect([dotted.test('a.b'), dotted.test('axb')]).toEqual([true, false]);
  });

  it('the client-side predicate also skips system streams and system events', () => {
    const isCredence = credenceEventPredicate(EVENT_TYPES);
    expect(isCredence({ streamId: 'credential-1', type: 'CredentialIssued' })).toBe(true);
    expect(isCredence({ streamId: '$et-CredentialIssued', type: 'CredentialIssued' })).toBe(false);
    expect(isCredence({ streamId: 'credential-1', type: '$metadata' })).toBe(false);
    expect(isCredence({ streamId: 'credential-1', type: 'SomethingElse' })).toBe(false);
  });
});
