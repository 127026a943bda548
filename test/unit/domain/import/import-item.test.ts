import { parseImportItem } from '../../../../src/domain/import/import-item';

const NOW = new Date('2026-01-01T00:00:00Z');
const minimal = { externalId: 'x-1', title: ' Bigger button ' };
const fields = (raw: unknown, source: string | null = 'gb') =>
  parseImportItem(raw, 'items[2]', source, NOW).errors.map((e) => e.details.field);

describe('parseImportItem', () => {
  it('normalises a minimal item and takes the default source', () => {
    const parsed = parseImportItem(minimal, 'items[2]', 'gb', NOW);
    expect(parsed.errors).toEqual([]);
    expect(parsed.draft).toMatchObject({
      base: 'items[2]',
      source: 'gb',
      externalId: 'x-1',
      title: 'Bigger button',
      results: [],
      decisions: [],
      status: undefined,
    });
  });

  it("prefers the item's own source and reads ISO strings as dates", () => {
    const parsed = parseImportItem(
      { ...minimal, source: 'optimizely', status: 'RUNNING', startedAt: '2025-03-01T10:00:00+02:00' },
      '',
      'gb',
      NOW,
    );
    expect(parsed.draft).toMatchObject({ source: 'optimizely', startedAt: new Date('2025-03-01T08:00:00Z') });
  });

  it('collects every error of an item, each naming its field', () => {
    expect(
      fields({
        externalId: 'x',
        title: '',
        alpha: 0.7,
        status: 'WAITING',
        startedAt: '2025-03-01',
        tags: ['ok', 3],
        ownerKey: 'typo',
        results: [
          { metricKey: 'conv', variantKey: 'a', n: '10', sum: 1 },
          { metricKey: 'conv', n: 1, sum: 1 },
        ],
        decisions: [
          { kind: 'SHIP', decidedBy: 'Ada' },
          { kind: 'NONE', decidedBy: ' ', decidedAt: '2025-01-01T00:00:00Z' },
        ],
      }),
    ).toEqual([
      'items[2].ownerKey',
      'items[2].title',
      'items[2].alpha',
      'items[2].tags[1]',
      'items[2].status',
      'items[2].startedAt',
      'items[2].results[0].n',
      'items[2].results[1].variantId',
      'items[2].decisions[0].decidedAt',
      'items[2].decisions[1].decidedBy',
    ]);
  });

  it('needs a source and an externalId, and refuses what is not an object', () => {
    expect(fields({ title: 't' }, null)).toEqual(['items[2].source', 'items[2].externalId']);
    expect(fields([minimal])).toEqual(['items[2]']);
    expect(parseImportItem(42, '', 'gb', NOW).errors[0]!.message).toBe('Invalid item: got 42, expected an object');
  });

  it('keeps omitted unit counts undefined (kept on update) and explicit nulls null', () => {
    const parsed = parseImportItem(
      {
        ...minimal,
        variants: [
          { key: 'a', name: 'A', isControl: true, plannedWeight: 1 },
          { key: 'b', name: 'B', isControl: false, plannedWeight: 1, units: null },
        ],
      },
      '',
      'gb',
      NOW,
    );
    expect(parsed.draft!.variants).toEqual([
      { key: 'a', name: 'A', isControl: true, plannedWeight: 1, units: undefined, multiExposedUnits: undefined },
      { key: 'b', name: 'B', isControl: false, plannedWeight: 1, units: null, multiExposedUnits: undefined },
    ]);
  });
});

describe('parseImportItem, hostile NDJSON values', () => {
  const reasons = (raw: unknown) =>
    parseImportItem(raw, 'items[2]', 'gb', NOW).errors.map((e) => [e.details.field, e.reason]);

  it.each([
    ['year 0000', '0000-06-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
    ['year 10000', '+010000-01-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
    ['30 February', '2025-02-30T00:00:00Z', 'INVALID_VALUE'],
  ])('refuses a lifecycle date in %s naming the field', (_name, startedAt, reason) => {
    expect(reasons({ ...minimal, status: 'RUNNING', startedAt })).toContainEqual(['items[2].startedAt', reason]);
  });

  it('refuses NUL characters in any text, naming the path', () => {
    expect(reasons({ ...minimal, hypothesis: { statement: 'a\u0000' } })).toContainEqual([
      'items[2].hypothesis.statement',
      'NUL_CHARACTER',
    ]);
  });
});
