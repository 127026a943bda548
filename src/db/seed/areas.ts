/**
 * Product areas of the demo company: each team works on one area, and an area gives the team its
 * tags, the surfaces and changes its experiments are about, and the metrics it usually reads.
 */
export interface ProductArea {
  /** Also the team's main tag. */
  readonly tag: string;
  readonly teamName: string;
  readonly surfaces: readonly string[];
  readonly changes: readonly string[];
  /** Metric keys used as success metrics, most typical first. */
  readonly successMetrics: readonly string[];
  readonly guardrailMetrics: readonly string[];
}

export interface DepartmentTemplate {
  readonly key: string;
  readonly name: string;
  readonly areas: readonly ProductArea[];
}

const COMMON_GUARDRAILS = [
  'crash_rate',
  'revenue_per_user',
  'd7_retention',
  'page_load_time_ms',
  'support_contact_rate',
];

const area = (
  tag: string,
  teamName: string,
  surfaces: string[],
  changes: string[],
  successMetrics: string[],
  guardrails: string[] = [],
): ProductArea => ({
  tag,
  teamName,
  surfaces,
  changes,
  successMetrics,
  guardrailMetrics: [...guardrails, ...COMMON_GUARDRAILS.filter((g) => !guardrails.includes(g))],
});

export const DEPARTMENTS: readonly DepartmentTemplate[] = [
  {
    key: 'growth',
    name: 'Growth',
    areas: [
      area(
        'onboarding',
        'Onboarding',
        ['welcome flow', 'sign-up form', 'first-run tutorial'],
        [
          'a shorter sign-up form',
          'social login buttons',
          'a personalised welcome screen',
          'a progress indicator',
          'skippable tutorial steps',
        ],
        ['signup_rate', 'd7_retention'],
      ),
      area(
        'notifications',
        'Notifications',
        ['push notifications', 'weekly digest e-mail', 'in-app inbox'],
        [
          'smart send-time optimisation',
          'fewer but richer pushes',
          'personalised digest subject lines',
          'a notification preference centre',
        ],
        ['notification_open_rate', 'sessions_per_user'],
        ['unsubscribe_rate'],
      ),
      area(
        'retention',
        'Lifecycle',
        ['win-back campaign', 'streak reminders', 'account page'],
        ['a streak counter', 'a win-back discount', 'a reactivation reminder', 'saved-progress cards'],
        ['d7_retention', 'sessions_per_user'],
        ['unsubscribe_rate'],
      ),
      area(
        'referrals',
        'Referrals',
        ['invite screen', 'share sheet', 'referral landing page'],
        ['a double-sided referral reward', 'contact import', 'pre-filled invite messages'],
        ['signup_rate', 'sessions_per_user'],
      ),
      area(
        'activation',
        'Activation',
        ['empty states', 'first session', 'profile setup'],
        ['guided first actions', 'a starter collection', 'contextual tooltips'],
        ['d7_retention', 'session_length_minutes'],
      ),
    ],
  },
  {
    key: 'commerce',
    name: 'Commerce',
    areas: [
      area(
        'checkout',
        'Checkout',
        ['checkout page', 'payment step', 'cart drawer'],
        ['one-click payment', 'address autocomplete', 'a sticky order summary', 'guest checkout', 'express wallets'],
        ['checkout_completion', 'purchase_conversion'],
        ['revenue_per_user'],
      ),
      area(
        'pricing',
        'Pricing',
        ['pricing page', 'plan picker', 'upgrade modal'],
        ['annual plan discount framing', 'a three-tier plan layout', 'localised prices', 'a free-trial badge'],
        ['subscription_start_rate', 'revenue_per_user'],
      ),
      area(
        'payments',
        'Payments',
        ['payment methods', 'card form', 'invoice e-mail'],
        ['local payment methods', 'inline card validation', 'retry on soft declines'],
        ['purchase_conversion', 'checkout_completion'],
      ),
      area(
        'subscriptions',
        'Subscriptions',
        ['subscription settings', 'cancellation flow', 'renewal reminder'],
        ['a pause option', 'a retention offer', 'clear renewal dates'],
        ['d7_retention', 'subscription_start_rate'],
        ['support_contact_rate'],
      ),
      area(
        'promotions',
        'Promotions',
        ['promo banner', 'deal of the day', 'coupon field'],
        ['countdown timers', 'personalised coupons', 'bundle offers'],
        ['purchase_conversion', 'revenue_per_user'],
      ),
    ],
  },
  {
    key: 'discovery',
    name: 'Discovery',
    areas: [
      area(
        'search',
        'Search',
        ['search results page', 'search box', 'filters panel'],
        [
          'typo-tolerant matching',
          'query autocomplete',
          'a semantic ranking model',
          'recent searches',
          'larger result thumbnails',
        ],
        ['search_success_rate', 'search_click_through'],
      ),
      area(
        'home',
        'Home Feed',
        ['home feed', 'hero carousel', 'shortcuts row'],
        [
          'a personalised hero',
          'fewer shelves above the fold',
          'continue-where-you-left-off cards',
          'a dense grid layout',
        ],
        ['clicks_per_session', 'session_length_minutes'],
        ['bounce_rate'],
      ),
      area(
        'recommendations',
        'Recommendations',
        ['recommendation shelf', 'because-you-liked row', 'end-of-content screen'],
        ['a two-tower recommender', 'diversity re-ranking', 'fresh-content boosting'],
        ['clicks_per_session', 'session_length_minutes'],
      ),
      area(
        'browse',
        'Browse',
        ['category pages', 'genre hubs', 'navigation bar'],
        ['a mega menu', 'sort by popularity', 'sticky category tabs'],
        ['clicks_per_session', 'purchase_conversion'],
        ['bounce_rate'],
      ),
      area(
        'personalization',
        'Personalization',
        ['taste profile', 'for-you page', 'settings'],
        ['onboarding taste picker', 'explainable recommendations', 'a mood selector'],
        ['session_length_minutes', 'd7_retention'],
      ),
    ],
  },
  {
    key: 'platform',
    name: 'Platform',
    areas: [
      area(
        'performance',
        'Web Performance',
        ['web client', 'image pipeline', 'CDN edge'],
        ['lazy-loaded images', 'HTTP/3', 'a smaller JavaScript bundle', 'server-side rendering'],
        ['page_load_time_ms', 'bounce_rate'],
        ['errors_per_page_view'],
      ),
      area(
        'mobile',
        'Mobile Core',
        ['iOS app', 'Android app', 'app start-up'],
        ['deferred SDK initialisation', 'a new networking stack', 'pre-warmed caches'],
        ['app_start_latency_ms', 'sessions_per_user'],
        ['crash_rate'],
      ),
      area(
        'reliability',
        'Reliability',
        ['API gateway', 'retry policy', 'error pages'],
        ['client-side retries', 'graceful degradation', 'a circuit breaker'],
        ['errors_per_page_view', 'crash_rate'],
        ['page_load_time_ms'],
      ),
      area(
        'accessibility',
        'Accessibility',
        ['colour contrast', 'screen-reader labels', 'font sizes'],
        ['high-contrast mode', 'larger tap targets', 'descriptive button labels'],
        ['session_length_minutes', 'checkout_completion'],
      ),
      area(
        'data-quality',
        'Data Platform',
        ['event pipeline', 'tracking SDK', 'consent banner'],
        ['a consolidated tracking SDK', 'batched event upload', 'a simpler consent banner'],
        ['sessions_per_user', 'clicks_per_session'],
        ['errors_per_page_view'],
      ),
    ],
  },
];

export const COMPANY_NAMES = [
  'Acme Media',
  'Globex Retail',
  'Initech Travel',
  'Umbrella Health',
  'Hooli Games',
  'Vandelay Foods',
];

export const EXTRA_DEPARTMENT_NAMES = [
  'Marketplace',
  'Ads',
  'Creators',
  'Payments Platform',
  'Trust & Safety',
  'Enterprise',
  'Devices',
  'Learning',
];

export const PEOPLE = [
  'Alice Moreau',
  'Bilal Haddad',
  'Chen Wei',
  'Dana Kowalski',
  'Emeka Obi',
  'Fatima Zahra',
  'Gustav Lind',
  'Hana Sato',
  'Ivan Petrov',
  'Julia Costa',
  'Kofi Mensah',
  'Laura Rossi',
  'Mateo Garcia',
  'Nora Berg',
  'Omar Farouk',
  'Priya Nair',
  'Quentin Blanc',
  'Rosa Jimenez',
  'Sven Olsen',
  'Tara Singh',
  'Uma Desai',
  'Victor Hugo',
  'Wen Li',
  'Yara Haddad',
];

export const EXTRA_TAGS = [
  'mobile',
  'web',
  'ios',
  'android',
  'copy',
  'ranking',
  'layout',
  'ml',
  'personalization',
  'international',
];
