import { acceptedEncodings, answerCoding, COMPRESS_MIN_BYTES } from '../../../src/server/compression';

describe('acceptedEncodings', () => {
  it('lists the codings not refused with q=0', () => {
    expect([...acceptedEncodings('gzip;q=0.5, BR, deflate;q=0')]).toEqual(['gzip', 'br']);
    expect(acceptedEncodings(undefined).size).toBe(0);
  });
});

describe('answerCoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['deflate', undefined],
    ['identity', undefined],
    [undefined, undefined],
  ])('answers Accept-Encoding %p with %p for a large answer', (header, coding) => {
    expect(answerCoding(header, COMPRESS_MIN_BYTES)).toBe(coding);
  });

  it('sends an answer smaller than the bound as it is', () => {
    expect(answerCoding('gzip, br', COMPRESS_MIN_BYTES - 1)).toBeUndefined();
  });
});
