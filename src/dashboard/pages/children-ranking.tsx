import { Link } from '../router';
import { type ChildWithStats, rankChildren } from '../view-model/ranking';
import { isStatsRate, STATS_RATES, type StatsRateName } from '../view-model/rates';
import { routePath } from '../view-model/routes';
import { type ViewParams, writeViewParams } from '../view-model/view-params';
import { showWithParams } from './window-controls';

/** The node's children ordered by a chosen rate (in the URL as `rank`), with links to them. */
export function ChildrenRanking(props: { nodeKey: string; params: ViewParams; items: ChildWithStats[] }) {
  const { params } = props;
  if (props.items.length === 0) return null;
  const rows = rankChildren(props.items, params.rankBy);
  const query = writeViewParams(params);
  const pathname = routePath({ page: 'node', key: props.nodeKey });
  return (
    <section aria-labelledby="children-title" className="section">
      <h2 id="children-title">Children ranked</h2>
      <div className="control">
        <label htmlFor="rank-by">Rank by</label>
        <select
          id="rank-by"
          value={params.rankBy}
          onChange={(e) => {
            const value = e.target.value;
            if (isStatsRate(value)) showWithParams(pathname, { ...params, rankBy: value });
          }}
        >
          {(Object.keys(STATS_RATES) as StatsRateName[]).map((rate) => (
            <option key={rate} value={rate}>
              {STATS_RATES[rate].label}
            </option>
          ))}
        </select>
      </div>
      <table className="numbers" data-testid="children-table">
        <caption>
          Children by {STATS_RATES[params.rankBy].label.toLowerCase()}, highest first (ties: more concluded first);
          grey: small sample
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Node</th>
            <th scope="col">Kind</th>
            <th scope="col">Concluded</th>
            <th scope="col">{STATS_RATES[params.rankBy].label}</th>
            <th scope="col">95 % interval</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.smallSample ? 'small-sample' : undefined}>
              <td className="number">{row.rank ?? '—'}</td>
              <th scope="row">
                <Link href={`${routePath({ page: 'node', key: row.key })}${query}`}>{row.name}</Link>
              </th>
              <td>{row.kind}</td>
              <td className="number">{row.concluded}</td>
              <td className="number">{row.rate}</td>
              <td className="number">{row.interval}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
