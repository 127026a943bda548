// The experiment page's forest plots: intervals (custom), points and margins (scatter), the zero line (mark line).
// Imported for its effect by the experiment page (see echarts.ts).
import { CustomChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { echarts } from './echarts';

echarts.use([CustomChart, ScatterChart, MarkLineComponent, GridComponent, LegendComponent]);
