// ECharts from its core, tree-shaken, drawn as SVG so that the charts are inspectable and testable in the DOM. This
// module registers what every chart uses (the renderer, aria descriptions and decals, tooltips); each page registers
// its own chart types through a sibling module (treemap-modules.ts, cartesian-modules.ts, forest-modules.ts), so that
// a page's chunk carries only the code of the charts it draws (the organisation page: the treemap alone).
import { AriaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([AriaComponent, TooltipComponent, SVGRenderer]);

export { echarts };
