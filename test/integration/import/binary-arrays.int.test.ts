import { encodeArray } from '../../../src/db/queries/binary-arrays';
import { useTestApp } from '../helpers';

const t = useTestApp();
const id = <T>(v: T) => v;

describe('encodeArray against the database', () => {
  it('round-trips every element type the bulk writes send, NULLs included', async () => {
    const [row] = await t.dataSource.query(
      `SELECT $1::uuid[]::text[] AS u, $2::text[] AS t, $3::int8[]::text[] AS b, $4::int4[] AS i, $5::float8[] AS f, $6::bool[] AS o,
              array(SELECT to_char(x AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') FROM unnest($7::timestamptz[]) x) AS ts`,
      [
        encodeArray('uuid[]', ['0193a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b', null], id),
        encodeArray('text[]', ['a"b\\c', '', null, 'ünï{,}'], id),
        encodeArray('int8[]', [0, 9007199254740991, null], id),
        encodeArray('int4[]', [1, -5, 2147483647], id),
        encodeArray('float8[]', [0.1, -1e300, 5e-324, null], id),
        encodeArray('bool[]', [true, false, null], id),
        encodeArray('timestamptz[]', ['2026-01-02T03:04:05.678Z', new Date('1999-12-31T23:59:59.999Z')], id),
      ],
    );
    expect(row).toEqual({
      u: ['0193a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b', null],
      t: ['a"b\\c', '', null, 'ünï{,}'],
      b: ['0', '9007199254740991', null],
      i: [1, -5, 2147483647],
      f: [0.1, -1e300, 5e-324, null],
      o: [true, false, null],
      ts: ['2026-01-02T03:04:05.678', '1999-12-31T23:59:59.999'],
    });
  });
});
