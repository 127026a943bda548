import type { MetricType, PreferredDirection } from '../../domain/experiment';

/**
 * The demo metric catalogue with the population parameters the simulator draws from. Baselines
 * and spreads are typical of a consumer app (user-level randomisation, a week or more of data).
 */
export type MetricModel =
  | { readonly type: 'BINARY'; readonly p: number }
  | { readonly type: 'CONTINUOUS'; readonly mean: number; readonly sd: number; readonly nonNegative: boolean }
  | {
      readonly type: 'RATIO';
      readonly meanX: number;
      readonly sdX: number;
      readonly ratio: number;
      readonly sdY: number;
      readonly rho: number;
    };

export interface MetricDefinition {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly type: MetricType;
  readonly preferredDirection: PreferredDirection;
  readonly model: MetricModel;
  /** Metrics measured only for units that produced the event (n may fall slightly below units). */
  readonly partialCoverage?: boolean;
}

const binary = (
  key: string,
  name: string,
  description: string,
  p: number,
  direction: PreferredDirection = 'INCREASE',
): MetricDefinition => ({
  key,
  name,
  description,
  type: 'BINARY',
  preferredDirection: direction,
  model: { type: 'BINARY', p },
});

const continuous = (
  key: string,
  name: string,
  description: string,
  mean: number,
  sd: number,
  direction: PreferredDirection = 'INCREASE',
  partialCoverage = false,
): MetricDefinition => ({
  key,
  name,
  description,
  type: 'CONTINUOUS',
  preferredDirection: direction,
  partialCoverage,
  model: { type: 'CONTINUOUS', mean, sd, nonNegative: true },
});

const ratio = (
  key: string,
  name: string,
  description: string,
  model: Omit<Extract<MetricModel, { type: 'RATIO' }>, 'type'>,
  direction: PreferredDirection = 'INCREASE',
): MetricDefinition => ({
  key,
  name,
  description,
  type: 'RATIO',
  preferredDirection: direction,
  model: { type: 'RATIO', ...model },
});

export const METRIC_CATALOGUE: readonly MetricDefinition[] = [
  binary(
    'purchase_conversion',
    'Purchase conversion',
    'Share of exposed users who complete at least one purchase.',
    0.042,
  ),
  binary('signup_rate', 'Sign-up rate', 'Share of exposed visitors who create an account.', 0.12),
  binary('checkout_completion', 'Checkout completion', 'Share of users who start checkout and finish it.', 0.58),
  binary('d7_retention', 'Day-7 retention', 'Share of users active again seven days after exposure.', 0.31),
  binary(
    'search_success_rate',
    'Search success rate',
    'Share of users whose searches end in a click on a result.',
    0.64,
  ),
  binary(
    'notification_open_rate',
    'Notification open rate',
    'Share of users who open at least one push notification.',
    0.08,
  ),
  binary(
    'subscription_start_rate',
    'Subscription start rate',
    'Share of users who start a paid subscription or trial.',
    0.025,
  ),
  binary('crash_rate', 'Crash rate', 'Share of users who experience at least one app crash.', 0.012, 'DECREASE'),
  binary(
    'unsubscribe_rate',
    'Unsubscribe rate',
    'Share of users who turn off notifications or e-mails.',
    0.006,
    'DECREASE',
  ),
  binary('bounce_rate', 'Bounce rate', 'Share of sessions that leave after one screen.', 0.41, 'DECREASE'),
  binary(
    'support_contact_rate',
    'Support contact rate',
    'Share of users who contact customer support.',
    0.018,
    'DECREASE',
  ),
  continuous(
    'revenue_per_user',
    'Revenue per user',
    'Gross revenue per exposed user in EUR over the analysis window.',
    1.85,
    9.4,
  ),
  continuous('session_length_minutes', 'Session length', 'Average minutes per session per user.', 11.2, 8.7),
  continuous('sessions_per_user', 'Sessions per user', 'Sessions per exposed user over the analysis window.', 4.3, 3.9),
  continuous(
    'page_load_time_ms',
    'Page load time',
    'Median page load time per user in milliseconds.',
    1450,
    620,
    'DECREASE',
    true,
  ),
  continuous(
    'app_start_latency_ms',
    'App start latency',
    'Cold-start time of the mobile app per user in milliseconds.',
    820,
    310,
    'DECREASE',
    true,
  ),
  ratio('clicks_per_session', 'Clicks per session', 'Clicks divided by sessions, per user (ratio metric).', {
    meanX: 4.3,
    sdX: 3.9,
    ratio: 2.6,
    sdY: 12,
    rho: 0.75,
  }),
  ratio('search_click_through', 'Search click-through', 'Result clicks divided by searches (ratio metric).', {
    meanX: 2.1,
    sdX: 2.4,
    ratio: 0.38,
    sdY: 1.3,
    rho: 0.6,
  }),
  ratio(
    'errors_per_page_view',
    'Errors per page view',
    'Client errors divided by page views (ratio metric).',
    { meanX: 18, sdX: 16, ratio: 0.012, sdY: 0.6, rho: 0.3 },
    'DECREASE',
  ),
];

/** Population mean of the metric (p, mean, or the ratio of means). */
export function metricMean(model: MetricModel): number {
  switch (model.type) {
    case 'BINARY':
      return model.p;
    case 'CONTINUOUS':
      return model.mean;
    case 'RATIO':
      return model.ratio;
  }
}

/**
 * Per-unit variance of the metric's estimator: p(1 − p), σ², or for a ratio the delta-method
 * variance (σ_Y² − 2Rσ_XY + R²σ_X²) / μ_X² (docs/ewl-rules.md §3.1), so that Var(mean) = this / n.
 */
export function metricUnitVariance(model: MetricModel, relativeShift = 0): number {
  switch (model.type) {
    case 'BINARY': {
      const p = model.p * (1 + relativeShift);
      return p * (1 - p);
    }
    case 'CONTINUOUS':
      return model.sd * model.sd;
    case 'RATIO': {
      const { meanX, sdX, ratio: r, sdY, rho } = model;
      return (sdY * sdY - 2 * r * rho * sdX * sdY + r * r * sdX * sdX) / (meanX * meanX);
    }
  }
}
