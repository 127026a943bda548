import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { killServerProcess, type ServerProcess, startServerProcess } from '../integration/fixtures/server-process';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  tabToLink,
  waitForChart,
  waitForHeading,
  waitForNewText,
} from './browser';

/**
 * The dashboard in headless Chromium against a real server (ts-node, embedded database, the demo portfolio): each
 * page loads without console errors and draws its charts, a drill-down reaches a team and an experiment, a window
 * change changes the numbers and the URL, and the node page shows the API's numbers (headline, trend, why experiments
 * were not informative, companion numbers, decision debt).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-e2e-'));
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ DATABASE_URL: '', EMBEDDED_DATA_DIR: dataDir }, { SEED_DEMO_DATA: 'true' }),
    launchBrowser(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) await killServerProcess(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One GraphQL read through the public API, as the dashboard makes it (anonymous: the embedded demo allows it). */
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** A relative effect as the experiment page writes it: signed, two decimals, a minus sign (U+2212). */
const relative = (value: number) => {
  const text = (Math.abs(value) * 100).toFixed(2);
  return Number(text) === 0 ? '0.00%' : `${value < 0 ? '\u2212' : '+'}${text}%`;
};

interface ExperimentAnalysis {
  validity: string;
  validityReasons: Array<{ code: string }>;
  healthChecks: Array<{ type: string; status: string }>;
  category: string;
  subReason: string | null;
  recommendation: string;
  arms: Array<{
    variantKey: string;
    metrics: Array<{ metricKey: string; diffRel: number | null; ciRel: { lower: number; upper: number } | null }>;
  }>;
}

/** An experiment's stored category and computed analysis, from the API. */
async function experimentAnalysis(key: string) {
  const { experiment } = await api<{ experiment: { ewlCategory: string | null; analysis: ExperimentAnalysis } }>(
    `query($key: String!) { experiment(key: $key) { ewlCategory analysis {
      validity validityReasons { code } healthChecks { type status } category subReason recommendation
      arms { variantKey metrics { metricKey diffRel ciRel { lower upper } } } } } }`,
    { key },
  );
  return experiment;
}

/** The metrics the forest plots draw: those with a relative effect and its interval, per arm in the API's order. */
function plotted(analysis: ExperimentAnalysis) {
  return analysis.arms.flatMap((a) =>
    a.metrics.flatMap((m) =>
      m.diffRel !== null && m.ciRel !== null
        ? [{ arm: a.variantKey, metricKey: m.metricKey, diffRel: m.diffRel, ciRel: m.ciRel }]
        : [],
    ),
  );
}

interface RootNode {
  orgNodes: Array<{ key: string; name: string; kind: string; parent: { key: string } | null }>;
}

describe('dashboard', () => {
  let root: RootNode['orgNodes'][number];
  let department: RootNode['orgNodes'][number];

  beforeAll(async () => {
    const { orgNodes } = await api<RootNode>('{ orgNodes { key name kind parent { key } } }');
    root = orgNodes.find((n) => n.parent === null)!;
    department = orgNodes.find((n) => n.parent?.key === root.key)!;
  });

  it('serves the organisation page, whose treemap draws every node', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    expect(await waitForChart(page, 'org-treemap')).toBeGreaterThan(10);
    const svgText = await page.locator('[data-chart="org-treemap"] svg').textContent();
    expect(svgText).toContain(root.name);
    expect(svgText).toContain(department.name);
    await page.getByRole('button', { name: 'Show numbers as a table' }).click();
    await expect(page.getByTestId('org-table').locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(25);
    await saveScreenshot(page, 'organisation');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drills down from the company to a team and to an experiment', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await waitForChart(page, 'org-treemap');
    // Every answer in: a late one (the link list, the table) can still move the treemap under the pointer.
    await page.waitForLoadState('networkidle');
    // A click on the department's band in the treemap opens its page. Under CI's load a click was seen to be
    // lost (the tooltip showed the department, the page stayed): not yet explained, so up to three clicks.
    const band = page.locator('[data-chart="org-treemap"] svg text', { hasText: `${department.name}  ·` }).first();
    for (let attempt = 1; ; attempt++) {
      await band.click();
      try {
        await page.waitForURL(`**/node/${department.key}`, { timeout: 5000 });
        break;
      } catch (error) {
        if (page.url().includes(`/node/${department.key}`)) break;
        if (attempt === 3) throw error;
      }
    }
    await waitForHeading(page, department.name);
    await waitForChart(page, 'node-trend');
    // Its children (teams), ranked, link to their pages.
    await page.waitForLoadState('networkidle');
    const team = page.getByTestId('children-table').locator('tbody tr th a').first();
    const teamName = (await team.textContent())!;
    await team.click();
    await page.waitForURL(/\/node\/[^/]+$/);
    await waitForHeading(page, teamName);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).textContent()).resolves.toContain(
      department.name,
    );
    await waitForChart(page, 'node-mix');
    await page.waitForLoadState('networkidle');
    // The first experiment listed whose analysis has a relative effect to plot (the API says which).
    const links = page.getByTestId('experiments-table').locator('tbody tr th a');
    let experiment: ReturnType<typeof links.nth> | undefined;
    let key = '';
    let analysis: ExperimentAnalysis | undefined;
    for (let i = 0, n = await links.count(); i < n && !experiment; i++) {
      const href = (await links.nth(i).getAttribute('href'))!;
      key = decodeURIComponent(href.split('/').pop()!);
      analysis = (await experimentAnalysis(key)).analysis;
      if (plotted(analysis).length > 0) experiment = links.nth(i);
    }
    expect(experiment).toBeDefined();
    const title = (await experiment!.textContent())!;
    await experiment!.click();
    await page.waitForURL(`**/experiment/${encodeURIComponent(key)}`);
    await waitForHeading(page, title);
    const { ewlCategory } = await experimentAnalysis(key);
    await expect(page.getByTestId('experiment-category').textContent()).resolves.toBe(ewlCategory ?? '—');
    // The forest plot of the first arm with a plotted metric draws, and its table shows the API's relative effect.
    const [first] = plotted(analysis!);
    expect(await waitForChart(page, `forest-${first!.arm}`)).toBeGreaterThan(0);
    const arm = page.getByTestId(`arm-${first!.arm}`);
    await arm.getByRole('button', { name: 'Show numbers as a table' }).click();
    const row = page.getByTestId(`forest-table-${first!.arm}`).locator(`tr[data-metric="${first!.metricKey}"]`);
    await expect(row.locator('[data-field="effect"]').textContent()).resolves.toBe(relative(first!.diffRel));
    await saveScreenshot(page, 'experiment');
    // Back returns to the team page, its URL and numbers intact.
    await page.goBack();
    await waitForHeading(page, teamName);
    await waitForChart(page, 'node-trend');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drills down from the company to a team with the keyboard alone', async () => {
    const { orgNodes } = await api<RootNode>('{ orgNodes { key name kind parent { key } } }');
    const teams = new Map<string, string>(
      orgNodes.filter((n) => n.parent?.key === department.key).map((n) => [`/node/${n.key}`, n.name]),
    );
    expect(teams.size).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await waitForChart(page, 'org-treemap');
    await page.waitForLoadState('networkidle');
    // Tab through the page (header, controls, the numbers' toggle) to the department's link, and follow it.
    await tabToLink(page, (path) => path === `/node/${department.key}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/node/${department.key}`);
    await waitForHeading(page, department.name);
    // The new page has the focus: Tab goes on from its start.
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('main');
    await page.waitForLoadState('networkidle');
    const teamPath = await tabToLink(page, (path) => teams.has(path));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${teamPath}`);
    await waitForHeading(page, teams.get(teamPath)!);
    await waitForChart(page, 'node-trend');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an invalid experiment's validity, health checks, category and every arm's effects as the API has them", async () => {
    const { experiments } = await api<{ experiments: { edges: Array<{ node: { key: string; title: string } }> } }>(
      '{ experiments(first: 1, filter: { category: [INVALID] }) { edges { node { key title } } } }',
    );
    const { key, title } = experiments.edges[0]!.node;
    const { analysis } = await experimentAnalysis(key);
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/experiment/${encodeURIComponent(key)}`);
    await waitForHeading(page, title);
    // Validity with every reason the API gives, and one row per health check with its status.
    expect(analysis.validity).not.toBe('VALID');
    await expect(page.getByTestId('experiment-validity').getAttribute('data-validity')).resolves.toBe(
      analysis.validity,
    );
    const reasons = page.getByTestId('validity-reasons').locator('li');
    await expect(reasons.count()).resolves.toBe(analysis.validityReasons.length);
    for (const [i, reason] of analysis.validityReasons.entries())
      await expect(reasons.nth(i).getAttribute('data-code')).resolves.toBe(reason.code);
    const checks = page.getByTestId('health-checks').locator('tbody tr');
    await expect(checks.count()).resolves.toBe(analysis.healthChecks.length);
    for (const [i, check] of analysis.healthChecks.entries()) {
      await expect(checks.nth(i).getAttribute('data-type')).resolves.toBe(check.type);
      await expect(checks.nth(i).getAttribute('data-status')).resolves.toBe(check.status);
    }
    // The category, why, and the recommendation, by their codes.
    await expect(page.getByTestId('analysis-category').locator('code').textContent()).resolves.toBe(analysis.category);
    await expect(page.getByTestId('analysis-sub-reason').locator('code').textContent()).resolves.toBe(
      analysis.subReason,
    );
    await expect(page.getByTestId('analysis-recommendation').locator('code').textContent()).resolves.toBe(
      analysis.recommendation,
    );
    // Every arm: its plot draws when it has a relative effect, and its table (opened from the keyboard) lists each
    // plotted metric with the API's effect and interval.
    const drawn = plotted(analysis);
    expect(drawn.length).toBeGreaterThan(0);
    for (const armKey of new Set(drawn.map((d) => d.arm))) {
      expect(await waitForChart(page, `forest-${armKey}`)).toBeGreaterThan(0);
      // The toggle's name changes once pressed ("Hide the numbers"): find it by its class.
      const toggle = page.getByTestId(`arm-${armKey}`).locator('button.table-toggle');
      await expect(toggle.textContent()).resolves.toBe('Show numbers as a table');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      const rows = page.getByTestId(`forest-table-${armKey}`).locator('tbody tr');
      const metrics = drawn.filter((d) => d.arm === armKey);
      await expect(rows.count()).resolves.toBe(metrics.length);
      for (const [i, m] of metrics.entries()) {
        await expect(rows.nth(i).getAttribute('data-metric')).resolves.toBe(m.metricKey);
        await expect(rows.nth(i).locator('[data-field="effect"]').textContent()).resolves.toBe(relative(m.diffRel));
        await expect(rows.nth(i).locator('[data-field="interval"]').textContent()).resolves.toBe(
          `${relative(m.ciRel.lower)} to ${relative(m.ciRel.upper)}`,
        );
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws a margin set in absolute units at the API's relative size (mdeRelative, nimRelative)", async () => {
    type Setting = {
      role: string;
      mde: number | null;
      mdeScale: string | null;
      nim: number | null;
      nimScale: string | null;
    };
    const { experiments } = await api<{
      experiments: {
        edges: Array<{ node: { key: string; title: string; metrics: Array<Setting & { metric: { key: string } }> } }>;
      };
    }>(
      '{ experiments(first: 100) { edges { node { key title metrics { role mde mdeScale nim nimScale metric { key } } } } } }',
    );
    const absolute = (s: Setting) =>
      (s.role === 'SUCCESS' && s.mdeScale === 'ABSOLUTE') || (s.role === 'GUARDRAIL' && s.nimScale === 'ABSOLUTE');
    // The first experiment with an absolute margin on a metric that an arm plots, with the API's relative size.
    let found: { key: string; title: string; arm: string; metricKey: string; text: string } | undefined;
    for (const { node } of experiments.edges.filter((e) => e.node.metrics.some(absolute))) {
      const { experiment } = await api<{
        experiment: {
          analysis: {
            arms: Array<{
              variantKey: string;
              metrics: Array<{
                metricKey: string;
                diffRel: number | null;
                ciRel: unknown;
                mdeRelative: number | null;
                nimRelative: number | null;
              }>;
            }>;
          };
        };
      }>(
        `query($key: String!) { experiment(key: $key) { analysis { arms { variantKey
          metrics { metricKey diffRel ciRel { lower } mdeRelative nimRelative } } } } }`,
        { key: node.key },
      );
      for (const arm of experiment.analysis.arms)
        for (const m of arm.metrics) {
          const setting = node.metrics.find((s) => s.metric.key === m.metricKey);
          if (!setting || !absolute(setting) || m.diffRel === null || m.ciRel === null) continue;
          const [kind, value, size] =
            setting.role === 'SUCCESS' ? ['MDE', setting.mde, m.mdeRelative] : ['NIM', setting.nim, m.nimRelative];
          if (size === null) continue;
          const text = `${kind} ${value} (absolute units, ${(size * 100).toFixed(2)}% relative)`;
          found ??= { key: node.key, title: node.title, arm: arm.variantKey, metricKey: m.metricKey, text };
        }
      if (found) break;
    }
    expect(found).toBeDefined();
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/experiment/${encodeURIComponent(found!.key)}`);
    await waitForHeading(page, found!.title);
    expect(await waitForChart(page, `forest-${found!.arm}`)).toBeGreaterThan(0);
    await page.getByTestId(`arm-${found!.arm}`).locator('button.table-toggle').click();
    const row = page.getByTestId(`forest-table-${found!.arm}`).locator(`tr[data-metric="${found!.metricKey}"]`);
    await expect(row.locator('[data-field="margin"]').textContent()).resolves.toBe(found!.text);
    await saveScreenshot(page, 'experiment-absolute-margin');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changes the numbers and the URL with the window and the filter', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/node/${encodeURIComponent(root.key)}`);
    await waitForChart(page, 'node-trend');
    const concluded = '[data-testid="headline-concluded"] .figure-value';
    const excluded = '[data-testid="headline-excluded"] .figure-value';
    const allTime = (await page.locator(concluded).textContent())!;
    await page.getByLabel('Window', { exact: true }).selectOption('q4');
    await page.waitForURL(/\?from=\d{4}-\d{2}-01$/);
    const lastYear = await waitForNewText(page, concluded, allTime);
    expect(Number(lastYear)).toBeLessThan(Number(allTime));
    const excludedBefore = (await page.locator(excluded).textContent())!;
    // Only campaigns: most of them are out of scope, so the excluded count and the concluded one both change.
    await page.getByLabel('Campaign').check();
    await page.waitForURL(/&kind=CAMPAIGN$/);
    await waitForNewText(page, concluded, lastYear);
    expect(await page.locator(excluded).textContent()).not.toBe(excludedBefore);
    // The URL alone reproduces the view.
    const shared = page.url();
    const { page: second, errors: secondErrors } = await openPage(browser);
    await second.goto(shared);
    await waitForChart(second, 'node-trend');
    await expect(second.locator(concluded).textContent()).resolves.toBe(await page.locator(concluded).textContent());
    await expect(second.getByLabel('Campaign').isChecked()).resolves.toBe(true);
    expect(secondErrors).toEqual([]);
    await second.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the API's numbers for the same arguments on the node page", async () => {
    const { page, errors } = await openPage(browser);
    const from = '2025-07-01';
    await page.goto(`${server.baseUrl}/node/${encodeURIComponent(department.key)}?from=${from}&kind=AB_TEST`);
    await waitForChart(page, 'node-trend');
    const { orgNode } = await api<{
      orgNode: {
        stats: { concluded: number; learningRate: { value: number; lower: number; upper: number } };
        statsSeries: Array<{ stats: { concluded: number; learningRate: { value: number } | null } }>;
      };
    }>(
      `query($key: String!, $from: DateTime, $filter: StatsFilter) { orgNode(key: $key) {
        stats(from: $from, filter: $filter) { concluded learningRate { value lower upper } }
        statsSeries(bucket: QUARTER, from: $from, filter: $filter) { stats { concluded learningRate { value } } } } }`,
      { key: department.key, from: `${from}T00:00:00.000Z`, filter: { kind: ['AB_TEST'] } },
    );
    const headline = page.getByTestId('headline-learning-rate');
    await expect(headline.locator('.figure-value').textContent()).resolves.toBe(
      percent(orgNode.stats.learningRate.value),
    );
    await expect(headline.locator('.figure-detail').textContent()).resolves.toContain(
      `${(orgNode.stats.learningRate.lower * 100).toFixed(1)}–${percent(orgNode.stats.learningRate.upper)}`,
    );
    await expect(page.getByTestId('headline-concluded').locator('.figure-value').textContent()).resolves.toBe(
      String(orgNode.stats.concluded),
    );
    await page.getByRole('button', { name: 'Show numbers as a table' }).first().click();
    const rows = page.getByTestId('trend-table').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(orgNode.statsSeries.length);
    for (const [i, period] of orgNode.statsSeries.entries()) {
      const cells = rows.nth(i).locator('td');
      await expect(cells.nth(0).textContent()).resolves.toBe(String(period.stats.concluded));
      const rate = period.stats.learningRate;
      await expect(cells.nth(1).textContent()).resolves.toBe(rate ? percent(rate.value) : '—');
    }
    await saveScreenshot(page, 'node');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows why experiments were not informative, the companion numbers and the decision debt as the API has them', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/node/${encodeURIComponent(root.key)}`);
    await waitForChart(page, 'node-not-informative');
    const { orgNode } = await api<{
      orgNode: {
        stats: {
          underpoweredBySubReason: Array<{ subReason: string; count: number }>;
          invalidByReason: Array<{ reason: string; count: number }>;
          volume: { started: number };
          shippingRate: { value: number } | null;
          decisionDebt: { count: number };
        };
        decisionDebt: { totalCount: number; edges: Array<{ node: { key: string; title: string } }> };
      };
    }>(
      `query($key: String!) { orgNode(key: $key) {
        stats { underpoweredBySubReason { subReason count } invalidByReason { reason count }
          volume { started } shippingRate { value } decisionDebt { count } }
        decisionDebt(first: 20) { totalCount edges { node { key title } } } } }`,
      { key: root.key },
    );
    // Why not informative: one row per reason the API lists, with its count, in the table behind the toggle.
    const reasons = [
      ...orgNode.stats.underpoweredBySubReason.map((r) => [r.subReason, r.count] as const),
      ...orgNode.stats.invalidByReason.map((r) => [r.reason, r.count] as const),
    ];
    expect(reasons.length).toBeGreaterThan(1);
    const figure = page.locator('figure', {
      has: page.getByRole('heading', { name: 'Why experiments were not informative' }),
    });
    await figure.getByRole('button', { name: 'Show numbers as a table' }).click();
    const rows = page.getByTestId('not-informative-table').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(reasons.length);
    for (const [i, [code, count]] of reasons.entries()) {
      await expect(rows.nth(i).getAttribute('data-code')).resolves.toBe(code);
      await expect(rows.nth(i).locator('td.number').textContent()).resolves.toBe(String(count));
    }
    // Companion numbers.
    const value = (testId: string) => page.getByTestId(testId).locator('.figure-value').textContent();
    await expect(value('companion-started')).resolves.toBe(String(orgNode.stats.volume.started));
    await expect(value('companion-shipping-rate')).resolves.toBe(
      orgNode.stats.shippingRate ? percent(orgNode.stats.shippingRate.value) : '—',
    );
    // Decision debt: the count, and the list oldest first, each linked to its experiment.
    expect(orgNode.stats.decisionDebt.count).toBeGreaterThan(0);
    expect(orgNode.decisionDebt.totalCount).toBe(orgNode.stats.decisionDebt.count);
    await expect(value('debt-count')).resolves.toBe(String(orgNode.stats.decisionDebt.count));
    const links = page.getByTestId('debt-table').locator('tbody tr th a');
    await expect(links.allTextContents()).resolves.toEqual(orgNode.decisionDebt.edges.map((e) => e.node.title));
    const first = orgNode.decisionDebt.edges[0]!.node;
    await expect(links.first().getAttribute('href')).resolves.toBe(`/experiment/${encodeURIComponent(first.key)}`);
    await links.first().click();
    await waitForHeading(page, first.title);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('dashboard search', () => {
  const total = async (filter: Record<string, unknown> | null) =>
    (
      await api<{ experiments: { totalCount: number } }>(
        'query($filter: ExperimentFilter) { experiments(filter: $filter) { totalCount } }',
        { filter },
      )
    ).experiments.totalCount;

  it("filters by category through the URL and shows the API's total, a page at a time", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await page.waitForURL('**/search');
    const shown = page.getByTestId('search-total');
    await expect(shown.textContent()).resolves.toBe(String(await total(null)));
    const everything = (await shown.textContent())!;
    // Ticking a category searches at once and puts the filter in the URL.
    await page
      .getByRole('group', { name: /EwL category/ })
      .getByLabel('Win')
      .check();
    await page.waitForURL(/\/search\?category=WIN$/);
    const wins = await waitForNewText(page, '[data-testid="search-total"]', everything);
    expect(Number(wins)).toBe(await total({ category: ['WIN'] }));
    expect(Number(wins)).toBeLessThan(Number(everything));
    const rows = page.getByTestId('search-results').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(Math.min(20, Number(wins)));
    for (const category of await rows.locator('td:nth-child(5)').allTextContents()) expect(category).toBe('WIN');
    // The next page continues after the first one's end cursor; Back returns to the first page.
    expect(Number(wins)).toBeGreaterThan(20);
    const firstKey = (await rows.first().locator('th a').textContent())!;
    const caption = page.getByTestId('search-results').locator('caption');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/category=WIN&after=/);
    await caption.filter({ hasText: `21–${Math.min(40, Number(wins))} of ${wins}` }).waitFor();
    expect(await rows.first().locator('th a').textContent()).not.toBe(firstKey);
    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.waitForURL(/\/search\?category=WIN$/);
    await caption.filter({ hasText: `1–20 of ${wins}` }).waitFor();
    await expect(rows.first().locator('th a').textContent()).resolves.toBe(firstKey);
    // An owner narrows it further; the URL alone reproduces the search.
    const team = 'acme-media.growth';
    await page.getByLabel('Owner (org node)').selectOption(team);
    await page.waitForURL(/\/search\?node=acme-media\.growth&category=WIN$/);
    const teamWins = await waitForNewText(page, '[data-testid="search-total"]', wins);
    expect(Number(teamWins)).toBe(await total({ ownerNodeKey: team, category: ['WIN'] }));
    const { page: second, errors: secondErrors } = await openPage(browser);
    await second.goto(page.url());
    await expect(second.getByTestId('search-total').textContent()).resolves.toBe(teamWins);
    await expect(second.getByLabel('Owner (org node)').inputValue()).resolves.toBe(team);
    expect(secondErrors).toEqual([]);
    await second.close();
    // A result opens its experiment.
    const key = (await rows.first().locator('th a').textContent())!;
    await rows.first().locator('th a').click();
    await page.waitForURL(`**/experiment/${key}`);
    await saveScreenshot(page, 'search-result-experiment');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches words when the form is submitted', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/search`);
    const everything = (await page.getByTestId('search-total').textContent())!;
    await page.getByLabel(/^Words/).fill('checkout');
    await page.getByLabel(/^Words/).press('Enter');
    await page.waitForURL(/\/search\?q=checkout$/);
    const found = await waitForNewText(page, '[data-testid="search-total"]', everything);
    expect(Number(found)).toBe(await total({ search: 'checkout' }));
    expect(Number(found)).toBeGreaterThan(0);
    await saveScreenshot(page, 'search');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('dashboard metric page', () => {
  interface Insight {
    arms: number;
    histogram: Array<{ count: number }>;
    model: { mean: number; k: number } | null;
    modelUnavailableReason: string | null;
    shippedImpact: { naiveSum: number };
    effects: Array<{ experimentKey: string; variantKey: string }>;
  }
  const insight = async (metricKey: string, filter: Record<string, unknown> | null, orderBy = 'RAW_EFFECT') =>
    (
      await api<{ metricInsight: Insight }>(
        `query($metricKey: String!, $filter: ExperimentFilter, $orderBy: MetricEffectOrder!) {
          metricInsight(metricKey: $metricKey, filter: $filter) {
            arms histogram { count } model { mean k } modelUnavailableReason shippedImpact { naiveSum }
            effects(orderBy: $orderBy, first: 20) { experimentKey variantKey } } }`,
        { metricKey, filter, orderBy },
      )
    ).metricInsight;
  /** The page's format of a relative effect (view-model/metric-insight.ts formatEffect), for the API's number. */
  const effect = (value: number) => `${value > 0 ? '+' : ''}${(value * 100).toFixed(2)}%`;
  const metricKey = 'purchase_conversion';

  it("draws the histogram of observed effects and shows the API's random-effects summary and shipped impact", async () => {
    const fromApi = await insight(metricKey, null);
    expect(fromApi.arms).toBeGreaterThanOrEqual(5);
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Metrics' }).click();
    await page.getByTestId('metric-catalogue').getByRole('link', { name: 'Purchase conversion' }).click();
    await page.waitForURL(`**/metric/${metricKey}`);
    expect(await waitForChart(page, 'metric-histogram')).toBeGreaterThan(fromApi.histogram.length);
    await expect(page.getByTestId('metric-arms').locator('.figure-value').textContent()).resolves.toBe(
      String(fromApi.arms),
    );
    const value = (testId: string) => page.getByTestId(testId).locator('.figure-value').textContent();
    await expect(value('model-mean')).resolves.toBe(effect(fromApi.model!.mean));
    await expect(value('model-k')).resolves.toBe(String(fromApi.model!.k));
    await expect(value('shipped-naive')).resolves.toBe(effect(fromApi.shippedImpact.naiveSum));
    // The histogram's numbers behind the toggle: one row per bin of the API, with its count.
    const histogram = page.locator('figure', { has: page.getByRole('heading', { name: 'Observed effects' }) });
    await histogram.getByRole('button', { name: 'Show numbers as a table' }).click();
    const bins = page.getByTestId('histogram-table').locator('tbody td.number');
    await expect(bins.allTextContents()).resolves.toEqual(fromApi.histogram.map((b) => String(b.count)));
    // The arms sorted by their shrunk effect, in the API's order; the order is in the URL.
    const shrunkOrder = await insight(metricKey, null, 'SHRUNK_EFFECT');
    await page.getByLabel('Sort the arms by').selectOption('SHRUNK_EFFECT');
    await page.waitForURL(/\?order=shrunk$/);
    const firstArm = shrunkOrder.effects[0]!;
    const firstRow = page.getByTestId('effects-table').locator('tbody tr').first();
    await firstRow.locator('th', { hasText: firstArm.experimentKey }).waitFor();
    await expect(firstRow.locator('td').first().textContent()).resolves.toBe(firstArm.variantKey);
    // The same arms as a dot plot, the first one at the top.
    await waitForChart(page, 'metric-effect-dots');
    await expect(page.locator('[data-chart="metric-effect-dots"] svg').textContent()).resolves.toContain(
      `${firstArm.experimentKey} / ${firstArm.variantKey}`,
    );
    await saveScreenshot(page, 'metric');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the API's reason when a node's view has no model, the node and window in the URL", async () => {
    const { orgNodes } = await api<{ orgNodes: Array<{ key: string; name: string }> }>('{ orgNodes { key name } }');
    let node: { key: string; name: string } | undefined;
    let fromApi: Insight | undefined;
    for (const candidate of orgNodes) {
      fromApi = await insight(metricKey, { ownerNodeKey: candidate.key });
      if (fromApi.arms > 0 && fromApi.model === null) {
        node = candidate;
        break;
      }
    }
    expect(node).toBeDefined();
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.baseUrl}/metric/${metricKey}`);
    await waitForChart(page, 'metric-histogram');
    const allArms = (await page.getByTestId('metric-arms').locator('.figure-value').textContent())!;
    await page.getByLabel('Experiments of (org node and its subtree)').selectOption(node!.key);
    await page.waitForURL(`**/metric/${metricKey}?node=${encodeURIComponent(node!.key)}`);
    await expect(waitForNewText(page, '[data-testid="metric-arms"] .figure-value', allArms)).resolves.toBe(
      String(fromApi!.arms),
    );
    await expect(page.getByTestId('model-unavailable').textContent()).resolves.toContain(
      fromApi!.modelUnavailableReason!,
    );
    await page.getByLabel('Window', { exact: true }).selectOption('q8');
    await page.waitForURL(new RegExp(`\\?node=${node!.key.replace(/\./g, '\\.')}&from=\\d{4}-\\d{2}-01$`));
    await waitForChart(page, 'metric-histogram');
    expect(errors).toEqual([]);
    await page.close();
  });
});
