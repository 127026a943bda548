import { Client } from 'pg';
import { stoppedConclusionFactsSql } from '../../../src/db/queries/rollup-sql';
import { awaitingStoppedRuleSql, inList, settledSql } from '../../../src/db/sql/ewl-rules.sql';
import { DECISION_KINDS } from '../../../src/domain/experiment';
import { CATEGORY_SUB_REASONS, CONCLUDED_CATEGORIES, VALIDITY_REASON_CODES } from '../../../src/domain/org-rollup';

/**
 * The triggers that keep `org_rollup_month` in step (migrations RollupSummary and
 * DesignAmendments) were generated from literal lists frozen with their migrations, which are
 * never edited; those of StoppedSummary and DecisionDelays from the application's rules as they
 * stood then. The installed functions must still agree with the rules the application reads:
 * they summarise exactly the rows ewl-rules.sql.ts calls settled (so the STOPPED rows awaiting the
 * 30-day rule are left to the readers), and each summary column counts the category, validity
 * reason, sub-reason or decision kind of the domain's lists that its name says. A change to a rule
 * or a list fails here until a new migration installs matching triggers.
 */
const lower = (value: string) => value.toLowerCase();
const IN_SCOPE = 'c.counts_toward_ewl';

/** Each summary column's conclusion fact over a classification row `c`, from the domain's lists and the module. */
function expectedConclusionFacts(): Record<string, string> {
  const facts: Record<string, string> = {
    started: 'false',
    restarts: 'false',
    concluded: IN_SCOPE,
    excluded: `NOT ${IN_SCOPE}`,
  };
  for (const cat of CONCLUDED_CATEGORIES) facts[`cat_${lower(cat)}`] = `${IN_SCOPE} AND ${inList('c.category', [cat])}`;
  for (const r of VALIDITY_REASON_CODES)
    facts[`vr_${lower(r)}`] =
      `${IN_SCOPE} AND ${inList('c.category', ['INVALID'])} AND '${r}' = ANY(c.validity_reasons)`;
  for (const s of CATEGORY_SUB_REASONS)
    facts[`us_${lower(s)}`] =
      `${IN_SCOPE} AND ${inList('c.category', ['UNDERPOWERED'])} AND ${inList('c.sub_reason', [s])}`;
  for (const k of DECISION_KINDS) facts[`dk_${lower(k)}`] = `${IN_SCOPE} AND ${inList('c.decision_kind', [k])}`;
  facts.inconsistent = `${IN_SCOPE} AND c.decision_kind IS NOT NULL AND NOT c.decision_consistent`;
  facts.undecided = `${IN_SCOPE} AND c.decision_kind IS NULL`;
  return facts;
}

describe('org_rollup_month triggers', () => {
  let client: Client;
  const source = async (name: string): Promise<string> => {
    const { rows } = await client.query('SELECT prosrc FROM pg_proc WHERE proname = $1', [name]);
    expect(rows).toHaveLength(1);
    return (rows[0].prosrc as string).replace(/\s+/g, ' ');
  };

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
  });
  afterAll(() => client.end());

  it('summarise conclusions of exactly the settled rows, by the rule of ewl-rules.sql.ts', async () => {
    const settled = settledSql('c');
    const apply = await source('org_rollup_month_apply');
    // One INSERT per trigger event (insert, update, delete), each adding conclusion facts of settled rows only.
    expect(apply.split(`WHERE ${settled})`)).toHaveLength(4);
    expect(await source('org_rollup_month_apply_amended')).toContain(
      `WHERE ${settled} AND ${IN_SCOPE} AND c.design_amended`,
    );
  });

  it("count in each column the value of the domain's lists that its name says", async () => {
    const apply = await source('org_rollup_month_apply');
    const insert = /INSERT INTO org_rollup_month AS r \(owner_node_id, month, ([^)]*)\)/.exec(apply);
    const columns = insert![1]!.split(', ');
    const conclusionSelect = apply.slice(apply.indexOf('UNION ALL'), apply.indexOf(`WHERE ${settledSql('c')})`));
    const facts = [...conclusionSelect.matchAll(/c\.sign \* coalesce\((.*?), false\)::int/g)].map((m) => m[1]);
    expect(facts).toHaveLength(columns.length);
    const installed = Object.fromEntries(columns.map((column, i) => [column, facts[i]]));
    expect(installed).toEqual(expectedConclusionFacts());
  });

  it('summarise the STOPPED experiments without a conclusion as the raw path counts them once concluded', async () => {
    const where = `${awaitingStoppedRuleSql('c')} AND c.ended_at IS NOT NULL`;
    const stopped = await source('org_rollup_month_apply_stopped');
    for (const rows of ['(SELECT 1 AS sign, n.* FROM new_rows n)', '(SELECT -1 AS sign, o.* FROM old_rows o)'])
      expect(stopped).toContain(stoppedConclusionFactsSql(rows, where).replace(/\s+/g, ' '));
  });

  it('count the decision delays of the settled experiments and of the STOPPED ones without a conclusion', async () => {
    const delays = await source('org_decision_delay_apply');
    expect(delays).toContain(`((${settledSql('c')}) OR (${awaitingStoppedRuleSql('c')}))`);
    expect(delays).toContain(`${settledSql('c')} FROM`);
    expect(await source('org_decision_delay_move')).toContain(
      `((${settledSql('c')}) OR (${awaitingStoppedRuleSql('c')}))`,
    );
  });
});
