import { OKABE_ITO } from './palette';

/** The concluded categories of the EwL rule, in the order the mix is stacked, with their colours and labels. */
export const CONCLUDED_CATEGORIES = [
  { category: 'WIN', field: 'win', label: 'Win', colour: OKABE_ITO.bluishGreen },
  { category: 'REGRESSION', field: 'regression', label: 'Regression', colour: OKABE_ITO.vermillion },
  { category: 'POWERED_NEUTRAL', field: 'poweredNeutral', label: 'Powered neutral', colour: OKABE_ITO.blue },
  { category: 'UNDERPOWERED', field: 'underpowered', label: 'Underpowered', colour: OKABE_ITO.orange },
  { category: 'INVALID', field: 'invalid', label: 'Invalid', colour: OKABE_ITO.reddishPurple },
] as const;

export type CategoryField = (typeof CONCLUDED_CATEGORIES)[number]['field'];

/** Concluded experiments per category (CategoryCounts). */
export type CategoryCounts = { readonly [F in CategoryField]: number };
