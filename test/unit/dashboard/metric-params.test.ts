import {
  DEFAULT_METRIC_PARAMS,
  metricHref,
  metricInsightVariables,
  metricWindow,
  readMetricParams,
  writeMetricParams,
} from '../../../src/dashboard/view-model/metric-params';
import { DEFAULT_VIEW_PARAMS } from '../../../src/dashboard/view-model/view-params';

describe('readMetricParams', () => {
  it('reads the node, the window, the kinds and the effects order and page from the query', () => {
    expect(
      readMetricParams('?node=acme.growth&from=2025-01-01&to=2026-01-01&kind=AB_TEST&order=shrunk&dir=asc&offset=40'),
    ).toEqual({
      node: 'acme.growth',
      from: '2025-01-01',
      to: '2026-01-01',
      kinds: ['AB_TEST'],
      order: 'SHRUNK_EFFECT',
      direction: 'ASC',
      offset: 40,
    });
  });

  it('ignores values that are not valid, keeping their defaults', () => {
    expect(readMetricParams('?node=+&from=2025-13-01&kind=NOPE&order=best&dir=up&offset=-20')).toEqual(
      DEFAULT_METRIC_PARAMS,
    );
    expect(readMetricParams('?offset=2.5').offset).toBe(0);
  });

  it('round-trips through writeMetricParams, leaving defaults out of the URL', () => {
    const params = {
      ...DEFAULT_METRIC_PARAMS,
      node: 'acme/search',
      from: '2024-04-01',
      order: 'SHRUNK_EFFECT' as const,
    };
    const search = writeMetricParams(params);
    expect(search).toBe('?node=acme%2Fsearch&from=2024-04-01&order=shrunk');
    expect(readMetricParams(search)).toEqual(params);
    expect(writeMetricParams(DEFAULT_METRIC_PARAMS)).toBe('');
  });
});

describe('metricHref', () => {
  it("is the metric's path with the view, the effects table on its first page", () => {
    expect(metricHref('d7 retention', { node: 'acme', offset: 40, kinds: ['CAMPAIGN'] })).toBe(
      '/metric/d7%20retention?node=acme&kind=CAMPAIGN',
    );
    expect(metricHref('bounce_rate')).toBe('/metric/bounce_rate');
  });
});

describe('metricWindow', () => {
  it("is the view's window and kinds as the other pages' parameters", () => {
    expect(metricWindow({ ...DEFAULT_METRIC_PARAMS, from: '2025-01-01', kinds: ['AB_TEST'], node: 'acme' })).toEqual({
      ...DEFAULT_VIEW_PARAMS,
      from: '2025-01-01',
      kinds: ['AB_TEST'],
    });
  });
});

describe('metricInsightVariables', () => {
  it('asks for the whole organisation, all time, without a filter by default', () => {
    expect(metricInsightVariables('bounce_rate', DEFAULT_METRIC_PARAMS)).toEqual({
      metricKey: 'bounce_rate',
      from: null,
      to: null,
      filter: null,
      order: 'RAW_EFFECT',
      direction: 'DESC',
      first: 20,
      offset: 0,
    });
  });

  it("filters by the owner node's subtree and the kinds, in the window, with the effects table's page", () => {
    const params = readMetricParams(
      '?node=acme.growth&from=2025-01-01&to=2025-07-01&kind=AB_TEST&order=shrunk&offset=20',
    );
    expect(metricInsightVariables('bounce_rate', params)).toEqual({
      metricKey: 'bounce_rate',
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-07-01T00:00:00.000Z',
      filter: { ownerNodeKey: 'acme.growth', kind: ['AB_TEST'] },
      order: 'SHRUNK_EFFECT',
      direction: 'DESC',
      first: 20,
      offset: 20,
    });
  });
});
