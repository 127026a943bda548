import { type DataSource } from 'typeorm';
import { RULESET_VERSION } from '../../domain/ruleset';
import { type CategoryChange, categoryChangesOf } from '../../db/queries/classification-writes';
import { classifyAndPublish } from '../events/event-publishing';

export interface ReclassifySummary {
  readonly experiments: number;
  readonly changes: readonly CategoryChange[];
  /** "FROM -> TO" (FROM is `(none)` for experiments never classified) with counts, most frequent first. */
  readonly moves: ReadonlyArray<{ readonly from: string; readonly to: string; readonly count: number }>;
}

/** Batch size of one reclassification transaction: large enough to amortise the six loads, small enough to keep memory flat. */
const BATCH = 2000;

/**
 * Recomputes stored classifications (docs/ewl-rules.md §14) in batches, each batch in its own transaction:
 * all experiments (`npm run reclassify`), or only those never classified, classified under an
 * older ruleset, or stored without their metric effects or companion facts (`onlyStale`, run at start-up). Reports which experiments moved category;
 * their events (a category that moves under a new ruleset, cause RULESET) are appended with each batch.
 */
export async function reclassifyExperiments(
  dataSource: DataSource,
  options: { now: Date; onlyStale?: boolean; log?: (m: string) => void },
): Promise<ReclassifySummary> {
  const ids: { id: string }[] = options.onlyStale
    ? await dataSource.query(
        `SELECT e.id FROM experiment e LEFT JOIN experiment_classification c ON c.experiment_id = e.id
          WHERE c.experiment_id IS NULL OR c.ruleset_version <> $1 OR NOT c.effects_stored OR NOT c.companions_stored ORDER BY e.id`,
        [RULESET_VERSION],
      )
    : await dataSource.query(`SELECT id FROM experiment ORDER BY id`);
  const changes: CategoryChange[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH).map((r) => r.id);
    const transitions = await dataSource.transaction((m) => classifyAndPublish(m, batch, options.now, 'RECLASSIFIED'));
    changes.push(...categoryChangesOf(transitions));
    options.log?.(`  classified ${Math.min(i + BATCH, ids.length)} / ${ids.length}`);
  }
  const counts = new Map<string, number>();
  for (const c of changes) {
    const key = `${c.from ?? '(none)'}\u0000${c.to}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const moves = [...counts.entries()]
    .map(([key, count]) => ({ from: key.split('\u0000')[0]!, to: key.split('\u0000')[1]!, count }))
    .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { experiments: ids.length, changes, moves };
}
