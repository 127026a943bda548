/**
 * Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies, for categories and series;
 * and a single-hue sequential blue scale (ColorBrewer "Blues") for rates, readable by lightness alone.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** The colour of a small sample (a denominator below 10): shown, but greyed out. */
export const SMALL_SAMPLE_GREY = '#d4d4d4';

const BLUES = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

/** The blue of a rate in [0, 1] (linear between the scale's stops); values outside are clamped. */
export function rateColour(value: number): string {
  const position = Math.min(1, Math.max(0, value)) * (BLUES.length - 1);
  const i = Math.min(BLUES.length - 2, Math.floor(position));
  return mixHex(BLUES[i]!, BLUES[i + 1]!, position - i);
}

/** Black or white, whichever has the higher contrast ratio (WCAG 2) on `background` (a #rrggbb colour). */
export function textColourOn(background: string): string {
  const [r, g, b] = hexChannels(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // WCAG contrast ratios against black and white; the higher one wins.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

/** The scale's stops, for a legend. */
export const RATE_SCALE_STOPS: readonly string[] = BLUES;

function mixHex(a: string, b: string, t: number): string {
  const ca = hexChannels(a);
  const cb = hexChannels(b);
  return `#${ca
    .map((c, i) =>
      Math.round(c + (cb[i]! - c) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function hexChannels(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}
