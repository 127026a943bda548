import { TEXT_LIMITS } from '../../../src/domain/rules/field-limits';
import { operation, useTestApp } from '../helpers';
import { buildOrgNode, experimentInput, mutate } from '../fixtures/write-fixtures';

// Text limits (domain/rules/field-limits.ts) declared on input fields with @TextLength: an over-long
// value is refused before any SQL, with the domain's error naming the field's path and the allowed
// length; the length counts after trimming, as the write path and the database CHECKs do. An
// experiment's attribute fields declare theirs once for the create and update inputs
// (experiment-attributes.input.ts, @TextLengths on the class the inputs extend).

const t = useTestApp();
beforeEach(() => t.truncateAll());

const CREATE_ORG_NODE = operation('mutation-create-org-node');

describe('text input lengths', () => {
  it('refuses an over-long name before any SQL, naming the field and the allowed length', async () => {
    const max = TEXT_LIMITS.orgNode.name.max;
    const { result, statements } = await t.execCounting(CREATE_ORG_NODE, {
      input: { key: 'acme', name: 'x'.repeat(max + 1), kind: 'company' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VALUE',
      field: 'input.name',
      allowed: `non-blank text of at most ${max} characters`,
    });
    expect(statements).toBe(0);
  });

  it('counts the length after trimming, as the write path does', async () => {
    const name = 'x'.repeat(TEXT_LIMITS.orgNode.name.max);
    const node = await buildOrgNode(t, { name: `   ${name}   ` });
    expect(node.name).toBe(name);
  });

  it('names the path of a field inside a list', async () => {
    await buildOrgNode(t);
    const max = TEXT_LIMITS.healthCheck.details.max;
    const { result, statements } = await t.execCounting(operation('mutation-record-health-checks'), {
      input: {
        experimentKey: 'nope',
        checks: [
          { type: 'SRM', status: 'PASS' },
          { type: 'CUSTOM', name: 'x', status: 'PASS', details: 'd'.repeat(max + 1) },
        ],
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.checks[1].details',
      allowed: `text of at most ${max} characters`,
    });
    expect(statements).toBe(0);
  });

  it('refuses a blank required field with the same rule', async () => {
    const refused = await mutate(t, 'mutation-create-org-node', { key: 'acme', name: '   ', kind: 'company' }).catch(
      (e: Error) => e.message,
    );
    expect(refused).toContain('input.name');
  });

  it('refuses over-long experiment attributes on create and update before any SQL, in field order', async () => {
    const title = 't'.repeat(TEXT_LIMITS.experiment.title.max + 1);
    const name = 'n'.repeat(TEXT_LIMITS.variant.name.max + 1);
    const variants = [
      { key: 'control', name, isControl: true, plannedWeight: 1 },
      { key: 'treatment', name: 'Treatment', isControl: false, plannedWeight: 1 },
    ];
    const created = await t.execCounting(operation('mutation-create-experiment'), {
      input: experimentInput({ title, variants }),
    });
    expect(created.result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
      allowed: `non-blank text of at most ${TEXT_LIMITS.experiment.title.max} characters`,
    });
    expect(created.statements).toBe(0);

    const max = TEXT_LIMITS.experiment.randomizationUnit.max;
    const updated = await t.execCounting(operation('mutation-update-experiment'), {
      input: { id: '0190f5a8-8f4e-7c3a-9b1d-2a3b4c5d6e7f', randomizationUnit: 'u'.repeat(max + 1) },
    });
    expect(updated.result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.randomizationUnit',
      allowed: `non-blank text of at most ${max} characters`,
    });
    expect(updated.statements).toBe(0);
  });
});
