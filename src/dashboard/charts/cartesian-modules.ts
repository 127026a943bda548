// Charts on axes: the node page's lines with interval bands and stacked bars, the reasons' bars, the metric page's
// histogram (bars) and dot plot (scatter). Imported for its effect by the pages that draw them (see echarts.ts).
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { echarts } from './echarts';

echarts.use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent]);
