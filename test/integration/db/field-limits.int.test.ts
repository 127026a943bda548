import { type NumberRange, NUMBER_RANGES, type TextLimit, TEXT_LIMITS } from '../../../src/domain/rules/field-limits';
import { KEY_PATTERN } from '../../../src/domain/rules/keys';
import { WEBHOOK_URL_MAX_LENGTH } from '../../../src/domain/webhooks';
import { useTestApp } from '../helpers';

// The database's CHECK constraints live in migrations, which are never edited; the limits live in
// domain/rules/field-limits.ts. This test reads the installed constraints and asserts that they
// agree: each expected CHECK is built from the domain's value, installed on a scratch table with a
// column of the same name and type, and compared with the installed one as PostgreSQL prints both.

interface InstalledCheck {
  readonly name: string;
  readonly table: string;
  readonly column: string;
  readonly type: string;
  readonly definition: string;
}

const t = useTestApp();

async function installedChecks(): Promise<InstalledCheck[]> {
  return t.dataSource.query(
    `SELECT c.conname AS name, r.relname AS "table", a.attname AS "column",
            format_type(a.atttypid, a.atttypmod) AS type, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class r ON r.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = r.relnamespace AND n.nspname = current_schema()
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'c' AND cardinality(c.conkey) = 1
      ORDER BY c.conname`,
  );
}

/** How PostgreSQL prints `check` on a column named and typed like `like`'s. */
async function printedCheck(like: InstalledCheck, check: string): Promise<string> {
  const runner = t.dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query(
      `CREATE TEMP TABLE field_limit_probe ("${like.column}" ${like.type}, CONSTRAINT probe CHECK (${check}))`,
    );
    const [row]: Array<{ definition: string }> = await runner.query(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'probe' AND conrelid = 'field_limit_probe'::regclass`,
    );
    return row!.definition;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

const textCheck = (column: string, limit: TextLimit) =>
  `length(btrim(${column})) BETWEEN ${limit.min} AND ${limit.max}`;
const rangeCheck = (column: string, range: NumberRange) =>
  `${column} ${range.minInclusive ? '>=' : '>'} ${range.min} AND ${column} ${range.maxInclusive ? '<=' : '<'} ${range.max}`;

const textLimits: Array<[string, TextLimit]> = Object.entries(TEXT_LIMITS).flatMap(([entity, fields]) =>
  'max' in fields
    ? [[entity, fields as TextLimit]]
    : Object.entries(fields as Record<string, TextLimit>).map(([field, limit]): [string, TextLimit] => [
        `${entity}.${field}`,
        limit,
      ]),
);
const checkedTextLimits = textLimits.filter(([, limit]) => limit.check !== undefined);
/** Length CHECKs of values that are not trimmed text (a URL), each built from its domain limit. */
const otherLengthChecks: Array<[string, (column: string) => string]> = [
  ['webhook_subscription_url_check', (c) => `${c} ~ '^https?://' AND length(${c}) <= ${WEBHOOK_URL_MAX_LENGTH}`],
];
const numberRanges = Object.entries(NUMBER_RANGES) as Array<[string, NumberRange]>;

describe('field limits and the database CHECK constraints', () => {
  let checks: Map<string, InstalledCheck>;
  beforeAll(async () => {
    checks = new Map((await installedChecks()).map((c) => [c.name, c]));
  });

  it.each(checkedTextLimits)('the CHECK of %s allows the same length as the domain', async (_name, limit) => {
    const installed = checks.get(limit.check!);
    expect(installed).toBeDefined();
    expect(await printedCheck(installed!, textCheck(`"${installed!.column}"`, limit))).toBe(installed!.definition);
  });

  it.each(otherLengthChecks)('the CHECK %s allows the same length as the domain', async (name, check) => {
    const installed = checks.get(name);
    expect(installed).toBeDefined();
    expect(await printedCheck(installed!, check(`"${installed!.column}"`))).toBe(installed!.definition);
  });

  it.each(numberRanges)('the CHECK of %s allows the same range as the domain', async (_name, range) => {
    const installed = checks.get(range.check!);
    expect(installed).toBeDefined();
    expect(await printedCheck(installed!, rangeCheck(`"${installed!.column}"`, range))).toBe(installed!.definition);
  });

  it('every key-format CHECK allows exactly KEY_PATTERN', async () => {
    const keyChecks = [...checks.values()].filter((c) => c.name.endsWith('_key_format'));
    expect(keyChecks.map((c) => c.table).sort()).toEqual(['experiment', 'metric', 'org_node', 'variant']);
    for (const installed of keyChecks) {
      const pattern = KEY_PATTERN.source.replaceAll("'", "''");
      expect(await printedCheck(installed, `"${installed.column}" ~ '${pattern}'`)).toBe(installed.definition);
    }
  });

  it('every text-length CHECK in the database is a limit of the domain', () => {
    const lengthChecks = [...checks.values()].filter((c) => c.definition.includes('length('));
    const declared = new Set([
      ...checkedTextLimits.map(([, limit]) => limit.check),
      ...otherLengthChecks.map(([name]) => name),
    ]);
    expect(lengthChecks.map((c) => c.name).filter((name) => !declared.has(name))).toEqual([]);
    expect(lengthChecks.length).toBe(declared.size);
  });
});
