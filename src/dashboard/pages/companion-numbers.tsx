import { formatDays, formatMedianPercent, type Median as MedianField, medianDetail } from '../view-model/companion';
import type { Rate } from '../view-model/rates';
import { Count, Figure } from './headline';

/** The OrgStats fields of the companion numbers. */
export interface CompanionStats {
  readonly volume: { readonly started: number; readonly concluded: number };
  readonly shippingRate?: Rate | null;
  readonly precision: { readonly mdeRelative: MedianField; readonly poweredEffectRelative: MedianField };
  readonly runtime: { readonly daysRun: MedianField; readonly longerThanPlanned?: Rate | null };
}

/** Volume, shipping rate, precision and runtime next to the learning rate (docs/ewl-rules.md, companion metrics). */
export function CompanionNumbers({ stats }: { stats: CompanionStats }) {
  const { mdeRelative, poweredEffectRelative } = stats.precision;
  const { daysRun } = stats.runtime;
  return (
    <section aria-labelledby="companion-title" className="section">
      <h2 id="companion-title">Companion numbers</h2>
      <div className="headline">
        <Count label="Started in the window" value={stats.volume.started} testId="companion-started" />
        <Count label="Concluded in the window" value={stats.volume.concluded} testId="companion-concluded" />
        <Figure label="Shipping rate" rate={stats.shippingRate} testId="companion-shipping-rate" />
        <Median
          label="Median relative MDE"
          value={formatMedianPercent(mdeRelative)}
          detail={medianDetail(mdeRelative, 'success metrics')}
          testId="companion-mde"
        />
        <Median
          label="Median powered effect"
          value={formatMedianPercent(poweredEffectRelative)}
          detail={medianDetail(poweredEffectRelative, 'success metrics')}
          testId="companion-powered-effect"
        />
        <Median
          label="Median runtime"
          value={formatDays(daysRun.median)}
          detail={medianDetail(daysRun, 'experiments')}
          testId="companion-days-run"
        />
        <Figure label="Ran longer than planned" rate={stats.runtime.longerThanPlanned} testId="companion-longer" />
      </div>
    </section>
  );
}

function Median(props: { label: string; value: string; detail: string; testId: string }) {
  return (
    <div className="figure" data-testid={props.testId}>
      <span className="figure-label">{props.label}</span>
      <span className="figure-value">{props.value}</span>
      <span className="figure-detail">{props.detail}</span>
    </div>
  );
}
