import { formatInterval, formatRate, type Rate } from '../view-model/rates';

/** A headline rate: the value, its 95 % interval and counts, greyed for a small sample. */
export function Figure({ label, rate, testId }: { label: string; rate: Rate | null | undefined; testId: string }) {
  return (
    <div className={`figure${rate?.smallSample ? ' small-sample' : ''}`} data-testid={testId}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{formatRate(rate)}</span>
      <span className="figure-detail">
        95 % interval {formatInterval(rate)}
        {rate ? ` · ${rate.successes} of ${rate.total}` : ''}
        {rate?.smallSample ? ' · small sample' : ''}
      </span>
    </div>
  );
}

export function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
    </div>
  );
}
