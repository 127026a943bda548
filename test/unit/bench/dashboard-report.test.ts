import { percentile, renderDashboardReport } from '../../../bench/dashboard.bench';
import type { PageLoad } from '../../../bench/page-load';

const load = (renderedMs: number, transferredBytes: number): PageLoad => ({
  renderedMs,
  transferredBytes,
  responses: [
    { url: 'http://127.0.0.1:1/assets/index.js', type: 'Script', status: 200, encoding: 'br', transferredBytes },
  ],
});

describe('dashboard benchmark report', () => {
  it('takes nearest-rank percentiles', () => {
    const values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile([7], 90)).toBe(7);
  });

  it('reports the first load per response and the cold and warm percentiles', () => {
    const report = renderDashboardReport({
      loads: 2,
      firstLoad: load(700, 2048),
      cold: [load(500, 2048), load(300, 2048)],
      warm: [load(200, 512), load(100, 512)],
    });
    expect(report).toContain('First load (fresh server, empty cache): 700 ms, 2.0 KiB transferred.');
    expect(report).toContain('| /assets/index.js | Script | 200 | br | 2.0 |');
    expect(report).toContain('| cold (fresh context each) | 2 | 300 | 500 | 500 | 2.0 |');
    expect(report).toContain('| warm (same context) | 2 | 100 | 200 | 200 | 0.5 |');
  });
});
