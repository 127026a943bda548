import type * as d from '../domain/experiment';

/**
 * An experiment read "as of" a past instant (`experiment(key, asOf)`, README "Safe writes"): the field
 * resolvers of its decisions and stored classification answer as they stood then. Other fields
 * are current; experiments reached through relations are read now.
 */
export type AsOfExperiment = d.Experiment & { readonly asOf?: Date | null };

/** The instant an experiment object is read at, or null for now. */
export function asOfOf(experiment: d.Experiment): Date | null {
  return (experiment as AsOfExperiment).asOf ?? null;
}

/**
 * The decisions known at `asOf` (recorded by then), keeping their order (newest first); the
 * current one is the first. Null `asOf`: all of them.
 */
export function decisionsAsOf(decisions: readonly d.Decision[], asOf: Date | null): d.Decision[] {
  if (asOf === null) return [...decisions];
  return decisions
    .filter((decision) => decision.createdAt.getTime() <= asOf.getTime())
    .map((decision, i) => ({ ...decision, isCurrent: i === 0 }));
}
