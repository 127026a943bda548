// ECharts from its core with only the charts and components the dashboard draws (tree-shaken), drawn as SVG so that
// the charts are inspectable and testable in the DOM.
import { BarChart, CustomChart, LineChart, ScatterChart, TreemapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  TreemapChart,
  LineChart,
  BarChart,
  // The experiment page's forest plots: intervals (custom), points and margins (scatter), the zero line (mark line).
  CustomChart,
  ScatterChart,
  MarkLineComponent,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
