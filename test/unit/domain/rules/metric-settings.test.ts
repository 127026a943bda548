import { DomainError } from '../../../../src/domain/errors';
import { type MetricSettingsDraft, validateMetricSettings } from '../../../../src/domain/rules/metric-settings';

describe('validateMetricSettings', () => {
  it.each<[string, MetricSettingsDraft]>([
    ['a SUCCESS metric with an mde', { role: 'SUCCESS', mde: 0.02, mdeScale: 'RELATIVE' }],
    ['a GUARDRAIL metric with a nim', { role: 'GUARDRAIL', nim: 0.01, nimScale: 'ABSOLUTE' }],
    ['a GUARDRAIL metric without a nim', { role: 'GUARDRAIL' }],
    ['a DETERIORATION metric with an mde', { role: 'DETERIORATION', mde: 1, mdeScale: 'ABSOLUTE' }],
  ])('accepts %s', (_label, draft) => {
    expect(validateMetricSettings('input.metrics[0]', draft)).toEqual({
      mde: null,
      mdeScale: null,
      nim: null,
      nimScale: null,
      ...draft,
    });
  });

  it.each<[string, MetricSettingsDraft, string]>([
    ['an mde without its scale', { role: 'SUCCESS', mde: 0.02 }, 'input.metrics[0].mdeScale'],
    ['an mde scale without mde', { role: 'SUCCESS', mdeScale: 'RELATIVE' }, 'input.metrics[0].mde'],
    ['a nim without its scale', { role: 'GUARDRAIL', nim: 0.02 }, 'input.metrics[0].nimScale'],
    ['a zero mde', { role: 'SUCCESS', mde: 0, mdeScale: 'RELATIVE' }, 'input.metrics[0].mde'],
    ['a negative nim', { role: 'GUARDRAIL', nim: -0.1, nimScale: 'RELATIVE' }, 'input.metrics[0].nim'],
    [
      'an infinite mde',
      { role: 'SUCCESS', mde: Number.POSITIVE_INFINITY, mdeScale: 'ABSOLUTE' },
      'input.metrics[0].mde',
    ],
    ['a nim on a SUCCESS metric', { role: 'SUCCESS', nim: 0.1, nimScale: 'RELATIVE' }, 'input.metrics[0].nim'],
    [
      'a nim on a DETERIORATION metric',
      { role: 'DETERIORATION', nim: 0.1, nimScale: 'RELATIVE' },
      'input.metrics[0].nim',
    ],
  ])('refuses %s', (_label, draft, field) => {
    try {
      validateMetricSettings('input.metrics[0]', draft);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details.field).toBe(field);
    }
  });
});
