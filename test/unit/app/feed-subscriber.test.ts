import { FeedSubscriber, SlowConsumerError } from '../../../src/app/events/feed-subscriber';
import { parseSnapshot } from '../../../src/domain/event-feed';
import type { StoredEvent } from '../../../src/domain/webhooks';
import { type FeedEvent } from '../../../src/db/queries/event-feed-reads';

const feedEvent = (seq: number, xid = 100n, ownerAncestorIds = ['team', 'org']): FeedEvent => ({
  xid,
  ownerAncestorIds,
  event: {
    id: `e${seq}`,
    seq,
    type: 'experiment.status_changed',
    occurredAt: new Date('2026-01-01T00:00:00Z'),
    experimentId: 'x',
    experimentKey: 'exp',
    ownerNodeId: ownerAncestorIds[0]!,
    ownerNodeKey: 'team',
    overdueDays: null,
    payload: {},
  } satisfies StoredEvent,
});

function subscriber(queueLimit = 3, rootId: string | null = null) {
  const ended: FeedSubscriber[] = [];
  const s = new FeedSubscriber({ rootId, types: null, keyId: null }, queueLimit, (x) => ended.push(x));
  return { s, ended };
}

describe('FeedSubscriber', () => {
  it('yields the events that reach it in order, and waits for the next', async () => {
    const { s } = subscriber(10, 'team');
    s.begin(parseSnapshot('100:100:'));
    s.offer([feedEvent(1), feedEvent(2, 100n, ['other'])]);
    expect(await s.next()).toEqual({ value: feedEvent(1).event, done: false });
    const waiting = s.next();
    s.offer([feedEvent(3)]);
    expect(await waiting).toEqual({ value: feedEvent(3).event, done: false });
  });

  it('holds what it is offered before it knows its snapshot, then keeps only what that snapshot had not seen', async () => {
    const { s } = subscriber(10);
    s.offer([feedEvent(1, 99n), feedEvent(2, 101n)]);
    s.begin(parseSnapshot('100:102:101'));
    expect(await s.next()).toEqual({ value: feedEvent(2).event, done: false });
  });

  it('ends with SlowConsumerError once more than its limit wait, dropping them, and tells the feed', async () => {
    const { s, ended } = subscriber(3);
    s.begin(parseSnapshot('1:1:'));
    s.offer([feedEvent(1), feedEvent(2), feedEvent(3)]);
    expect(ended).toEqual([]);
    s.offer([feedEvent(4)]);
    expect(ended).toEqual([s]);
    await expect(s.next()).rejects.toBeInstanceOf(SlowConsumerError);
    await expect(s.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('fails a consumer that waits with the error it ends with', async () => {
    const { s } = subscriber();
    s.begin(parseSnapshot('1:1:'));
    const waiting = s.next();
    s.fail(new Error('key revoked'));
    await expect(waiting).rejects.toThrow('key revoked');
  });

  it('ends when its consumer returns it, even while the consumer waits, and takes nothing more', async () => {
    const { s, ended } = subscriber();
    s.begin(parseSnapshot('1:1:'));
    const waiting = s.next();
    await s.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(ended).toEqual([s]);
    s.offer([feedEvent(1)]);
    expect(await s.next()).toEqual({ value: undefined, done: true });
  });
});
