import { EXPERIMENT_DEFAULTS } from '../../../src/domain/rules/experiment-settings';
import { useTestApp } from '../helpers';

// The experiment table's column defaults live in migrations, which are never edited; the defaults
// of a new experiment live in EXPERIMENT_DEFAULTS. This test evaluates each installed column
// default and asserts that it equals the domain's value.

const t = useTestApp();

const COLUMNS: Record<keyof typeof EXPERIMENT_DEFAULTS, string> = {
  description: 'description',
  kind: 'kind',
  alpha: 'alpha',
  power: 'power',
  powerBudgetMode: 'power_budget_mode',
  deteriorationAlphaMode: 'deterioration_alpha_mode',
  analysisMode: 'analysis_mode',
  randomizationUnit: 'randomization_unit',
  tags: 'tags',
};

describe('EXPERIMENT_DEFAULTS and the database column defaults', () => {
  it.each(Object.entries(COLUMNS))('the default of experiment.%s is the domain default', async (field, column) => {
    const [installed]: Array<{ expression: string | null; type: string }> = await t.dataSource.query(
      `SELECT pg_get_expr(d.adbin, d.adrelid) AS expression, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = 'experiment'::regclass AND a.attname = $1`,
      [column],
    );
    expect(installed?.expression).toBeTruthy();
    const [evaluated]: Array<{ value: unknown }> = await t.dataSource.query(
      `SELECT (${installed!.expression})::${installed!.type} AS value`,
    );
    expect(evaluated?.value).toEqual(EXPERIMENT_DEFAULTS[field as keyof typeof EXPERIMENT_DEFAULTS]);
  });
});
