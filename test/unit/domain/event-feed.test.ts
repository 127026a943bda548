import {
  eventReachesSubscriber,
  isCommittedBefore,
  parseSnapshot,
  startPosition,
  type SubscriberScope,
} from '../../../src/domain/event-feed';

describe('parseSnapshot', () => {
  it.each([
    ['10:14:10,12', { xmin: 10n, xmax: 14n, inProgress: [10n, 12n] }],
    ['755:755:', { xmin: 755n, xmax: 755n, inProgress: [] }],
    [
      '18446744073709551000:18446744073709551001:',
      { xmin: 18446744073709551000n, xmax: 18446744073709551001n, inProgress: [] },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseSnapshot(text)).toEqual(expected);
  });

  it.each(['', '10:14', 'a:b:', '10:14:x'])('refuses %j', (text) => {
    expect(() => parseSnapshot(text)).toThrow('Not a pg_snapshot');
  });
});

describe('isCommittedBefore', () => {
  const snapshot = parseSnapshot('10:14:10,12');
  it.each([
    [9n, true, 'below xmin: finished before'],
    [10n, false, 'in progress then'],
    [11n, true, 'between xmin and xmax, not in progress: finished before'],
    [12n, false, 'in progress then'],
    [13n, true, 'finished before'],
    [14n, false, 'from xmax on: not started then'],
    [20n, false, 'not started then'],
  ])('answers for xid %s: %s (%s)', (xid, expected) => {
    expect(isCommittedBefore(xid, snapshot)).toBe(expected);
  });
});

describe('startPosition', () => {
  it('starts before the oldest transaction still running, so that its events are read when it commits', () => {
    expect(startPosition(parseSnapshot('10:14:10,12'))).toEqual({ xid: 10n, seq: 0 });
  });
});

describe('eventReachesSubscriber', () => {
  const since = parseSnapshot('10:14:12');
  const subscriber = (overrides: Partial<SubscriberScope> = {}): SubscriberScope => ({
    rootId: null,
    types: null,
    since,
    ...overrides,
  });
  const event = { xid: 12n, type: 'experiment.invalid' as const, ownerAncestorIds: ['team', 'dept', 'company'] };

  it.each([
    ['a whole-organisation subscriber of every type', subscriber(), true],
    ['a subscriber of an ancestor of the owner', subscriber({ rootId: 'dept' }), true],
    ['a subscriber of the owner itself', subscriber({ rootId: 'team' }), true],
    ['a subscriber of another subtree', subscriber({ rootId: 'other' }), false],
    ['a subscriber of its type', subscriber({ types: new Set(['experiment.invalid']) }), true],
    ['a subscriber of other types', subscriber({ types: new Set(['decision.recorded']) }), false],
  ])('is %s: %s', (_name, scope, expected) => {
    expect(eventReachesSubscriber(event, scope)).toBe(expected);
  });

  it('is not news to a subscriber whose start snapshot already saw its transaction committed', () => {
    expect(eventReachesSubscriber({ ...event, xid: 11n }, subscriber())).toBe(false);
    expect(eventReachesSubscriber({ ...event, xid: 14n }, subscriber())).toBe(true);
  });
});
