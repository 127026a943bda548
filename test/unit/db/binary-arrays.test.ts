import { encodeArray } from '../../../src/db/queries/binary-arrays';

const id = <T>(v: T) => v;

describe('encodeArray', () => {
  it('writes the array_send header, lengths and big-endian elements', () => {
    const buffer = encodeArray('int4[]', [1, null, -2], id);
    expect([...buffer]).toEqual([
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      23,
      0,
      0,
      0,
      3,
      0,
      0,
      0,
      1, // 1 dimension, has nulls, int4, 3 elements, lower bound 1
      0,
      0,
      0,
      4,
      0,
      0,
      0,
      1,
      0xff,
      0xff,
      0xff,
      0xff,
      0,
      0,
      0,
      4,
      0xff,
      0xff,
      0xff,
      0xfe,
    ]);
  });

  it('writes uuids as 16 bytes and text as UTF-8', () => {
    const uuids = encodeArray('uuid[]', ['00112233-4455-6677-8899-AABBCCDDEEFF'], id);
    expect(uuids.subarray(24).toString('hex')).toBe('00112233445566778899aabbccddeeff');
    const text = encodeArray('text[]', ['é"'], id);
    expect(text.readInt32BE(20)).toBe(3);
    expect(text.subarray(24).toString('utf8')).toBe('é"');
  });

  it('writes timestamps as microseconds since 2000-01-01 UTC, from Dates or ISO strings', () => {
    const buffer = encodeArray('timestamptz[]', ['2000-01-01T00:00:01.000Z', new Date('1999-12-31T23:59:59.999Z')], id);
    expect(buffer.readBigInt64BE(24)).toBe(1_000_000n);
    expect(buffer.readBigInt64BE(36)).toBe(-1_000n);
  });

  it.each([
    ['uuid[]', 'not-a-uuid'],
    ['uuid[]', '00112233-4455-6677-8899-AABBCCDDEEFG'],
    ['timestamptz[]', 'yesterday'],
    ['point[]', '(1,2)'],
  ])('refuses %s element %j', (type, value) => {
    expect(() => encodeArray(type, [value], id)).toThrow(TypeError);
  });
});
