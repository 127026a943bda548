// The organisation page's treemap (imported for its effect by the page that draws it; see echarts.ts).
import { TreemapChart } from 'echarts/charts';
import { echarts } from './echarts';

echarts.use([TreemapChart]);
