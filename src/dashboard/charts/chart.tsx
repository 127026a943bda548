import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { ChartOption } from '../view-model/chart-options';
import { echarts } from './echarts';

interface ChartProps {
  readonly option: ChartOption;
  readonly height: number;
  /** Called with the clicked item's data (e.g. a treemap node with its key). */
  readonly onItemClick?: (data: unknown) => void;
  readonly testId: string;
}

/** Whether the reader asked the system for less motion (WCAG 2.3.3): charts then draw without animation. */
function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** One ECharts chart (SVG renderer) that follows its option and its container's width. */
export function Chart({ option, height, onItemClick, testId }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onItemClick);
  clickHandler.current = onItemClick;

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.(params.data));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...option, animation: !prefersReducedMotion() }, { notMerge: true });
  }, [option]);

  return <div ref={element} className="chart" style={{ height }} data-chart={testId} data-testid={testId} />;
}

interface ChartFigureProps {
  readonly title: string;
  /** The title's heading level: 2 (default) for a page's figure, 3 for one inside a section. */
  readonly level?: 2 | 3;
  readonly caption?: ReactNode;
  readonly chart: ReactNode;
  /** The chart's numbers as a table, shown on request (the chart's text alternative). */
  readonly table: ReactNode;
}

/** A titled chart with a "show numbers as a table" toggle. */
export function ChartFigure({ title, level = 2, caption, chart, table }: ChartFigureProps) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <figure className="chart-figure">
      <figcaption>
        <Heading>{title}</Heading>
        {caption ? <p className="caption">{caption}</p> : null}
      </figcaption>
      {chart}
      <button
        type="button"
        className="table-toggle"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable((shown) => !shown)}
      >
        {showTable ? 'Hide the numbers' : 'Show numbers as a table'}
      </button>
      <div id={tableId} hidden={!showTable}>
        {table}
      </div>
    </figure>
  );
}
