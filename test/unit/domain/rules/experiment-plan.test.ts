import { EXPERIMENT_DEFAULTS } from '../../../../src/domain/rules/experiment-settings';
import {
  checkAttributeChange,
  type ExperimentAttributes,
  planExperimentAttributes,
} from '../../../../src/domain/rules/experiment-plan';
import { validatePlannedRuntimeDays } from '../../../../src/domain/rules/experiment-settings';

const STORED: ExperimentAttributes = {
  title: 'Stored',
  description: 'stored description',
  ownerNodeId: 'node-1',
  kind: 'ROLLOUT',
  countsTowardEwl: true,
  alpha: 0.1,
  power: 0.9,
  powerBudgetMode: 'STRICT',
  deteriorationAlphaMode: 'BONFERRONI',
  analysisMode: 'EXTERNAL',
  plannedSampleSize: 1000,
  plannedRuntimeDays: 14,
  randomizationUnit: 'device',
  tags: ['a', 'b'],
  surface: 'checkout',
  restartOfId: 'experiment-0',
  externalSource: 'tool',
  externalId: '42',
};

describe('planExperimentAttributes', () => {
  it('gives a new experiment EXPERIMENT_DEFAULTS for what it omits, and no nullable attribute', () => {
    const plan = planExperimentAttributes('input', null, { title: 'New', ownerNodeId: 'node-1', surface: null });
    expect(plan.attributes).toEqual({
      ...EXPERIMENT_DEFAULTS,
      title: 'New',
      ownerNodeId: 'node-1',
      countsTowardEwl: true,
      plannedSampleSize: null,
      plannedRuntimeDays: null,
      surface: null,
      restartOfId: null,
      externalSource: null,
      externalId: null,
    });
    expect(plan.designChange).toBeNull();
    expect(plan.changed).toHaveLength(Object.keys(plan.attributes).length);
  });

  it('gives a new experiment its own copy of the default tags', () => {
    const plan = planExperimentAttributes('', null, { title: 'New', ownerNodeId: 'node-1' });
    expect(plan.attributes.tags).not.toBe(EXPERIMENT_DEFAULTS.tags);
  });

  it.each([
    ['AB_TEST', true],
    ['ROLLOUT', false],
    ['AA_TEST', false],
  ] as const)('counts a new %s toward EwL: %p', (kind, counts) => {
    expect(planExperimentAttributes('', null, { title: 't', ownerNodeId: 'n', kind }).attributes.countsTowardEwl).toBe(
      counts,
    );
  });

  it('keeps every stored attribute when nothing is given, and a required one when null is given', () => {
    const plan = planExperimentAttributes('input', STORED, { title: null, kind: null, tags: null, alpha: null });
    expect(plan.attributes).toEqual(STORED);
    expect(plan.changed).toEqual([]);
    expect(plan.designChange).toBeNull();
  });

  it('clears a nullable attribute given null', () => {
    const plan = planExperimentAttributes('input', STORED, { surface: null, plannedSampleSize: null });
    expect(plan.attributes).toMatchObject({ surface: null, plannedSampleSize: null });
    expect(plan.changed).toEqual(['plannedSampleSize', 'surface']);
  });

  it("resets countsTowardEwl to the new kind's default when the kind changes and it is not given", () => {
    expect(planExperimentAttributes('input', STORED, { kind: 'CAMPAIGN' }).attributes.countsTowardEwl).toBe(false);
    expect(planExperimentAttributes('input', STORED, { kind: 'AB_TEST' }).attributes.countsTowardEwl).toBe(true);
  });

  it('keeps the stored countsTowardEwl while the kind stays, and takes a given one', () => {
    expect(planExperimentAttributes('input', STORED, { kind: 'ROLLOUT' }).attributes.countsTowardEwl).toBe(true);
    expect(
      planExperimentAttributes('input', STORED, { kind: 'CAMPAIGN', countsTowardEwl: true }).attributes.countsTowardEwl,
    ).toBe(true);
  });

  it('lists changed attributes, comparing tags by value', () => {
    const plan = planExperimentAttributes('input', STORED, { title: 'Other', tags: ['a', 'b'] });
    expect(plan.changed).toEqual(['title']);
  });

  it('names the first pre-registered setting that changes, under the base path', () => {
    const plan = planExperimentAttributes('items[2]', STORED, { power: 0.8, alpha: 0.1, randomizationUnit: 'user' });
    expect(plan.designChange).toEqual({ field: 'items[2].power', value: 0.8 });
    expect(planExperimentAttributes('', STORED, { plannedRuntimeDays: null }).designChange).toEqual({
      field: 'plannedRuntimeDays',
      value: null,
    });
  });

  it('refuses a create without a title or an owner', () => {
    expect(() => planExperimentAttributes('input', null, { title: 'New' })).toThrow(
      'A new experiment needs its ownerNodeId',
    );
  });
});

describe('checkAttributeChange', () => {
  it('passes undefined through (keep)', () => {
    expect(checkAttributeChange('title', 'input.title', undefined)).toBeUndefined();
  });

  it('keeps null for a nullable attribute (clear) and drops it for a required one (keep)', () => {
    expect(checkAttributeChange('surface', 'input.surface', null)).toBeNull();
    expect(checkAttributeChange('plannedSampleSize', 'input.plannedSampleSize', null)).toBeNull();
    expect(checkAttributeChange('title', 'input.title', null)).toBeUndefined();
    expect(checkAttributeChange('tags', 'input.tags', null)).toBeUndefined();
  });

  it.each([
    ['title', ' Checkout ', 'Checkout'],
    ['tags', [' Mobile', 'mobile', 'Web'], ['mobile', 'web']],
    ['surface', ' Checkout ', 'checkout'],
    ['surface', '  ', null],
    ['kind', 'ROLLOUT', 'ROLLOUT'],
  ] as const)('checks and normalises %s %p', (name, value, expected) => {
    expect(checkAttributeChange(name, `input.${name}`, value as never)).toEqual(expected);
  });

  it.each([
    ['title', '', 'input.title'],
    ['alpha', 0.5, 'input.alpha'],
    ['power', 1, 'input.power'],
    ['plannedSampleSize', 0, 'input.plannedSampleSize'],
    ['plannedRuntimeDays', 2.5, 'input.plannedRuntimeDays'],
    ['randomizationUnit', ' ', 'input.randomizationUnit'],
    ['surface', 'x'.repeat(51), 'input.surface'],
  ] as const)('refuses %s %p naming the field', (name, value, field) => {
    expect(() => checkAttributeChange(name, field, value as never)).toThrow(field);
  });
});

describe('validatePlannedRuntimeDays', () => {
  it('accepts null and integers up to the integer column maximum', () => {
    expect(validatePlannedRuntimeDays('f', null)).toBeNull();
    expect(validatePlannedRuntimeDays('f', 2_147_483_647)).toBe(2_147_483_647);
  });

  it('refuses more days than an integer column holds', () => {
    expect(() => validatePlannedRuntimeDays('f', 2_147_483_648)).toThrow('an integer from 1 to 2147483647');
  });
});
