import {
  cochranTermSql,
  fixedWeightSql,
  posteriorVarianceSql,
  randomWeightSql,
  shrunkEstimateSql,
  tau2Sql,
} from '../../../src/db/sql/meta-analysis.sql';
import { dersimonianLairdTau2, shrinkEstimate } from '../../../src/stats/meta-analysis';
import { mulberry32 } from '../../unit/domain/fixtures/random';
import { useTestApp } from '../helpers';

/**
 * The SQL forms of the estimator (src/db/sql/meta-analysis.sql.ts) give the very doubles their
 * TypeScript twins give (src/stats/meta-analysis.ts), on random inputs: the metric view's
 * statement orders arms and sums shipped arms by them, and TypeScript fits the model from the
 * statement's sums, so both sides must agree to the last bit.
 */
const t = useTestApp();

describe('meta-analysis.sql', () => {
  it('equals the TypeScript estimator bit for bit on 500 random inputs', async () => {
    const uniform = mulberry32(20261206);
    const cases = Array.from({ length: 500 }, (_, i) => {
      const k = 2 + Math.floor(uniform() * 300);
      const sumW = 1e3 + uniform() * 1e8;
      return {
        x: (uniform() - 0.5) * 0.2,
        s: 0.0005 + uniform() * 0.05,
        mean: (uniform() - 0.5) * 0.05,
        // Every tenth τ² is 0 (shrunk to the mean); the fixed sums make the moment estimate negative as often.
        tau2: i % 10 === 0 ? 0 : uniform() * 4e-4,
        k,
        sumW,
        sumW2: (sumW * sumW) / k + uniform() * sumW * sumW * (1 - 1 / k),
        q: uniform() * 2 * k,
      };
    });
    const rows: Array<Record<string, number>> = await t.dataSource.query(
      `SELECT ${fixedWeightSql('c.s')} AS w, ${cochranTermSql('c.x', 'c.s', 'c.mean')} AS cochran,
              ${tau2Sql({ k: 'c.k', sumW: 'c.sum_w', sumW2: 'c.sum_w2', q: 'c.q' })} AS tau2,
              ${randomWeightSql('c.s', 'c.tau2')} AS ws, ${shrunkEstimateSql('c.x', 'c.s', 'c.mean', 'c.tau2')} AS shrunk,
              ${posteriorVarianceSql('c.s', 'c.tau2')} AS posterior
         FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[], $5::bigint[], $6::float8[], $7::float8[], $8::float8[])
              WITH ORDINALITY AS c(x, s, mean, tau2, k, sum_w, sum_w2, q, n)
        ORDER BY c.n`,
      (['x', 's', 'mean', 'tau2', 'k', 'sumW', 'sumW2', 'q'] as const).map((f) => cases.map((c) => c[f])),
    );
    const mismatches = cases.flatMap((c, i) => {
      const r = rows[i]!;
      const shrunk = shrinkEstimate({ estimate: c.x, stdErr: c.s, mean: c.mean, tau2: c.tau2 });
      const want = {
        w: 1 / (c.s * c.s),
        cochran: ((c.x - c.mean) * (c.x - c.mean)) / (c.s * c.s),
        tau2: dersimonianLairdTau2({ k: c.k, sumW: c.sumW, sumW2: c.sumW2, sumWX: 0, q: c.q }),
        ws: 1 / (c.s * c.s + c.tau2),
        shrunk: shrunk.estimate,
        posterior: (1 - shrunk.factor) * (c.s * c.s),
      };
      return Object.entries(want)
        .filter(([f, v]) => Number(r[f]) !== v)
        .map(([f, v]) => `case ${i} ${f}: ${r[f]} != ${v}`);
    });
    expect(mismatches).toEqual([]);
    // Not vacuous: some τ² estimates truncated at 0, some positive.
    expect(rows.filter((r) => Number(r.tau2) === 0).length).toBeGreaterThan(10);
    expect(rows.filter((r) => Number(r.tau2) > 0).length).toBeGreaterThan(10);
  });
});
