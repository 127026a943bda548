import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  nextAttemptAfterFailure,
  signWebhookPayload,
  validateWebhookSubscription,
  verifyWebhookSignature,
  WEBHOOK_URL_MAX_LENGTH,
} from '../../../src/domain/webhooks';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"e1","type":"decision.recorded"}';
const T = 1_700_000_000;

describe('signWebhookPayload', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, as t=<t>,v1=<hex>', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhookPayload({ secret: SECRET, timestamp: T, body: BODY })).toBe(`t=${T},v1=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhookPayload({ secret: SECRET, timestamp: T, body: BODY });
  const now = new Date(T * 1000 + 10_000);

  it('accepts the header of the same secret and body', () => {
    expect(verifyWebhookSignature({ secret: SECRET, header, body: BODY, now })).toEqual({ valid: true, timestamp: T });
  });

  it.each([
    ['another secret', { secret: 'whsec_other' }, 'SIGNATURE_MISMATCH'],
    ['a changed body', { body: BODY.replace('e1', 'e2') }, 'SIGNATURE_MISMATCH'],
    ['a timestamp too old', { now: new Date((T + 301) * 1000) }, 'TIMESTAMP_OUT_OF_TOLERANCE'],
    ['a timestamp in the future', { now: new Date((T - 301) * 1000) }, 'TIMESTAMP_OUT_OF_TOLERANCE'],
    ['no header', { header: null }, 'MALFORMED_HEADER'],
    ['a header without v1', { header: `t=${T}` }, 'MALFORMED_HEADER'],
    ['a header without t', { header: header.replace(/^t=\d+,/, '') }, 'MALFORMED_HEADER'],
    [
      'a replayed signature under a new timestamp',
      { header: header.replace(`t=${T}`, `t=${T + 5}`) },
      'SIGNATURE_MISMATCH',
    ],
  ] as const)('refuses %s', (_name, change, reason) => {
    expect(verifyWebhookSignature({ secret: SECRET, header, body: BODY, now, ...change })).toEqual({
      valid: false,
      reason,
    });
  });

  it('accepts a header carrying several v1 signatures when one matches', () => {
    const both = `${header},v1=${'0'.repeat(64)}`;
    expect(verifyWebhookSignature({ secret: SECRET, header: both, body: BODY, now }).valid).toBe(true);
  });
});

describe('generateWebhookSecret', () => {
  it('draws whsec_ and 32 random bytes in base64url', () => {
    expect(generateWebhookSecret(() => Buffer.alloc(32, 1))).toBe(`whsec_${Buffer.alloc(32, 1).toString('base64url')}`);
    expect(generateWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});

describe('validateWebhookSubscription', () => {
  const valid = { url: 'https://hooks.example.com/ewl', eventTypes: ['decision.recorded'] };

  it('keeps the event types in their canonical order, without repeats', () => {
    expect(
      validateWebhookSubscription({
        ...valid,
        eventTypes: ['learning.added', 'experiment.invalid', 'learning.added'],
      }).eventTypes,
    ).toEqual(['experiment.invalid', 'learning.added']);
  });

  it.each([
    ['an ftp URL', { url: 'ftp://example.com/x' }, 'input.url'],
    ['a relative URL', { url: '/hooks' }, 'input.url'],
    ['a URL with credentials', { url: 'https://user:pw@example.com/' }, 'input.url'],
    ['a URL that is too long', { url: `https://example.com/${'a'.repeat(WEBHOOK_URL_MAX_LENGTH)}` }, 'input.url'],
    ['no event type', { eventTypes: [] }, 'input.eventTypes'],
    ['an unknown event type', { eventTypes: ['experiment.created'] }, 'input.eventTypes'],
    [
      'decision_overdue without days',
      { eventTypes: ['experiment.decision_overdue'], decisionOverdueDays: null },
      'input.decisionOverdueDays',
    ],
    [
      'decision_overdue with 0 days',
      { eventTypes: ['experiment.decision_overdue'], decisionOverdueDays: 0 },
      'input.decisionOverdueDays',
    ],
    [
      'decision_overdue with 366 days',
      { eventTypes: ['experiment.decision_overdue'], decisionOverdueDays: 366 },
      'input.decisionOverdueDays',
    ],
    ['days without decision_overdue', { decisionOverdueDays: 14 }, 'input.decisionOverdueDays'],
  ] as const)('refuses %s as BAD_USER_INPUT naming the field', (_name, change, field) => {
    expect(() => validateWebhookSubscription({ ...valid, ...change })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field }) }),
    );
  });

  it('accepts decision_overdue with 14 days', () => {
    expect(
      validateWebhookSubscription({ ...valid, eventTypes: ['experiment.decision_overdue'], decisionOverdueDays: 14 }),
    ).toEqual({ url: valid.url, eventTypes: ['experiment.decision_overdue'], decisionOverdueDays: 14 });
  });
});

describe('nextAttemptAfterFailure', () => {
  const policy = { baseMs: 1000, maxMs: 10_000, maxAttempts: 5 };

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
  ])('draws the wait after attempt %i from [0, %i ms) (full jitter)', (attempt, ceiling) => {
    expect(nextAttemptAfterFailure({ attempt, policy, random: () => 0 })).toEqual({ kind: 'RETRY', delayMs: 0 });
    expect(nextAttemptAfterFailure({ attempt, policy, random: () => 0.999999 })).toEqual({
      kind: 'RETRY',
      delayMs: ceiling - 1,
    });
  });

  it('never waits longer than maxMs', () => {
    const wide = { ...policy, maxAttempts: 50 };
    expect(nextAttemptAfterFailure({ attempt: 40, policy: wide, random: () => 0.5 })).toEqual({
      kind: 'RETRY',
      delayMs: 5000,
    });
  });

  it('gives up after maxAttempts', () => {
    expect(nextAttemptAfterFailure({ attempt: 5, policy, random: () => 0.5 })).toEqual({ kind: 'GIVE_UP' });
  });
});
