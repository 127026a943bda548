import { type DataSource } from 'typeorm';
import { outsideKeySubtree, type Principal, subtreeRootOf } from '../domain/principal';
import { type ExperimentFilter } from '../db/queries/experiment-filter-reads';
import { type LearningFilter } from '../db/queries/learning-reads';
import { findSubtreeNodeIds } from '../db/queries/subtree-reads';

/**
 * What the request's principal may see below the root fields (the root fields themselves are
 * guarded by `root-field-guard.ts`). For a key limited to an org node (README "Access", rules in
 * `domain/api-scopes.ts`):
 * - experiments owned outside the node's subtree do not exist for it: lists are filtered in SQL,
 *   relations (restartOf, restarts, Learning.experiments / hypotheses) are filtered here;
 * - statistics of nodes outside the subtree (ancestors, siblings) are FORBIDDEN;
 * - the org tree and the metric catalogue stay visible.
 * For every other principal each method returns at once without touching the database.
 */
export class RequestAccess {
  /** The key's org node; null = the whole organisation. */
  readonly subtreeRootId: string | null;
  private subtree: Promise<ReadonlySet<string>> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    readonly principal: Principal,
  ) {
    this.subtreeRootId = subtreeRootOf(principal);
  }

  /** Node ids of the key's subtree, loaded once per request on first use. */
  private subtreeNodeIds(rootId: string): Promise<ReadonlySet<string>> {
    this.subtree ??= findSubtreeNodeIds(this.dataSource, rootId);
    return this.subtree;
  }

  /** Whether an org node lies inside the key's subtree (always true without a limit). */
  async isNodeInside(nodeId: string): Promise<boolean> {
    return this.subtreeRootId === null || (await this.subtreeNodeIds(this.subtreeRootId)).has(nodeId);
  }

  /** Whether the principal may see an experiment (it is owned inside the subtree). */
  isExperimentVisible(experiment: { readonly ownerNodeId: string }): Promise<boolean> {
    return this.isNodeInside(experiment.ownerNodeId);
  }

  /** The experiments of a list the principal may see, in order. */
  async visibleExperiments<T extends { readonly ownerNodeId: string }>(experiments: T[]): Promise<T[]> {
    if (this.subtreeRootId === null || experiments.length === 0) return experiments;
    const inside = await this.subtreeNodeIds(this.subtreeRootId);
    return experiments.filter((e) => inside.has(e.ownerNodeId));
  }

  /** The loaded experiment when the principal may see it, else null (no extra work without a limit). */
  visibleOrNull<T extends { readonly ownerNodeId: string }>(loading: Promise<T | null>): Promise<T | null> {
    if (this.subtreeRootId === null) return loading;
    return loading.then(async (e) => (e !== null && (await this.isExperimentVisible(e)) ? e : null));
  }

  /** The loaded experiments the principal may see (no extra work without a limit). */
  visibleList<T extends { readonly ownerNodeId: string }>(loading: Promise<T[]>): Promise<T[]> {
    return this.subtreeRootId === null ? loading : loading.then((list) => this.visibleExperiments(list));
  }

  /**
   * Refuses statistics of a node outside the key's subtree (above it or beside it).
   * @throws DomainError FORBIDDEN, reason OUTSIDE_KEY_SUBTREE.
   */
  async assertStatsAllowed(node: { readonly id: string; readonly key: string }): Promise<void> {
    if (!(await this.isNodeInside(node.id)))
      throw outsideKeySubtree(`Statistics of org node ${node.key} are not available: the node lies outside`);
  }

  /**
   * Runs a statistics load for `node` once `assertStatsAllowed` passes; without a limit it returns
   * the load's promise at once (the roll-up path stays exactly as fast for unlimited callers).
   */
  guardStats<T>(node: { readonly id: string; readonly key: string }, load: () => Promise<T>): Promise<T> {
    return this.subtreeRootId === null ? load() : this.assertStatsAllowed(node).then(load);
  }

  /** The filter restricted to the key's subtree (the same object without a limit). */
  restrictExperimentFilter(filter: ExperimentFilter): ExperimentFilter {
    return this.subtreeRootId === null ? filter : { ...filter, withinNodeId: this.subtreeRootId };
  }

  /** A parsed page / statistics query whose experiment filter is restricted to the key's subtree. */
  restrictQuery<Q extends { readonly filter: ExperimentFilter }>(query: Q): Q {
    return this.subtreeRootId === null ? query : { ...query, filter: this.restrictExperimentFilter(query.filter) };
  }

  /** The learning filter restricted to learnings linked to at least one experiment inside the subtree. */
  restrictLearningFilter(filter: LearningFilter): LearningFilter {
    return this.subtreeRootId === null ? filter : { ...filter, withinNodeId: this.subtreeRootId };
  }
}
