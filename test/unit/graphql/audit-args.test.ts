import { DomainError } from '../../../src/domain/errors';
import { decodeAuditCursor, parseAuditLogArgs, parseAuditPageArgs } from '../../../src/graphql/audit-args';

const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return error.details.field;
    throw error;
  }
  return undefined;
}

describe('decodeAuditCursor', () => {
  it('reads the entry id of an audit cursor', () => {
    expect(decodeAuditCursor(cursorOf('audit:42'))).toEqual({ afterId: '42' });
  });

  it.each([
    ['another prefix', cursorOf('other:42')],
    ['a zero id', cursorOf('audit:0')],
    ['a non-numeric id', cursorOf('audit:4x')],
    ['an id past bigint', cursorOf(`audit:${'9'.repeat(19)}`)],
    ['no cursor text', ''],
  ])('refuses %s as BAD_USER_INPUT naming after', (_name, raw) => {
    expect(fieldOf(() => decodeAuditCursor(raw))).toBe('after');
  });
});

describe('parseAuditPageArgs', () => {
  it('validates the page size and decodes the cursor', () => {
    expect(parseAuditPageArgs({ first: 5, after: cursorOf('audit:7') })).toEqual({ first: 5, after: { afterId: '7' } });
    expect(parseAuditPageArgs({ first: 5 })).toEqual({ first: 5, after: null });
    expect(fieldOf(() => parseAuditPageArgs({ first: 0 }))).toBe('first');
  });
});

describe('parseAuditLogArgs', () => {
  it('keeps a known entity type and defaults it to null', () => {
    expect(parseAuditLogArgs({ first: 20, filter: { entityType: 'metric' } }).filter.entityType).toBe('metric');
    expect(parseAuditLogArgs({ first: 20 }).filter).toEqual({ entityType: null });
  });

  it('checks the page size, then the entity type, then the cursor', () => {
    const bad = { first: 0, after: 'nope', filter: { entityType: 'planet' } };
    expect(fieldOf(() => parseAuditLogArgs(bad))).toBe('first');
    expect(fieldOf(() => parseAuditLogArgs({ ...bad, first: 20 }))).toBe('filter.entityType');
    expect(fieldOf(() => parseAuditLogArgs({ ...bad, first: 20, filter: null }))).toBe('after');
  });
});
