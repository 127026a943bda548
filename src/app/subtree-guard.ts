import { type EntityManager } from 'typeorm';
import { findCommandAccess, findRootFieldAccess, type SubtreeRule } from '../domain/api-scopes';
import { type DomainError, notFound } from '../domain/errors';
import {
  orgNodeOutside,
  outsideKeySubtree,
  type Principal,
  type SubtreeBound,
  subtreeRootOf,
  wholeOrganisationOnly,
} from '../domain/principal';
import { pickReference } from '../domain/rules/keys';
import type { Experiment } from '../domain/experiment';
import { findExperimentForWrite, type IdOrKey, lockExperiment } from '../db/queries/reference-writes';
import { countLearningLinksWithin, findSubtreeNodeIds, isNodeWithin } from '../db/queries/subtree-reads';

/** The subtree rules a write can have (the registry's other rules are for reads). */
export type WriteSubtreeRule = Extract<
  SubtreeRule,
  'EXPERIMENT_INSIDE' | 'NODE_INSIDE' | 'WEBHOOK_INSIDE' | 'WHOLE_ORG'
>;

const WRITE_RULES: readonly SubtreeRule[] = ['EXPERIMENT_INSIDE', 'NODE_INSIDE', 'WEBHOOK_INSIDE', 'WHOLE_ORG'];

/**
 * The one place where a write meets the org subtree its principal is limited to (README "Access",
 * docs/decisions/0008-scope-registry.md). Built by `runCommand` (and the NDJSON import) from the
 * command's operation, which must be a Mutation of the scope registry (`ROOT_FIELD_ACCESS`) or an
 * in-process command with an explicit rule there (`COMMAND_ONLY_ACCESS`, e.g. the seed), and its
 * principal: an API key limited to an org node is bound to that node's subtree; every other
 * principal (a key without a node, an INTERNAL caller such as a CLI) to the whole organisation.
 *
 * The registry's rule decides what is refused before anything is read: a `WHOLE_ORG` operation
 * (the metric catalogue, keys, reclassification) refuses a limited key at construction, with the
 * error the GraphQL guard gives, whatever the entry point. Below that, each write asks the guard
 * about what it touches:
 * - experiments (and the records of one) are hidden outside: NOT_FOUND with the message a missing
 *   one gets, so a key learns nothing about what lies outside;
 * - org nodes are visible to every key, so writing to, under or as owner a node outside is
 *   FORBIDDEN OUTSIDE_KEY_SUBTREE (and so is a new root);
 * - webhook subscriptions are bound to a node inside (a new one bound outside is FORBIDDEN, as
 *   for nodes); one bound outside, or to the whole organisation, is hidden (NOT_FOUND);
 * - set-based writes keep the records owned inside (`keepVisible`) and treat the rest as missing;
 *   the bulk import's pure planner asks a `bound` built here.
 * The database layer keeps the plain lookups and locks; the decisions above live here only.
 */
export class SubtreeGuard {
  private constructor(
    /** The command this guard was built for (a Mutation of the registry, or a command-only entry). */
    readonly operation: string,
    /** Its subtree rule in the registry. */
    readonly rule: WriteSubtreeRule,
    /** The org node whose subtree bounds the write; null = the whole organisation. */
    readonly rootId: string | null,
  ) {}

  /**
   * The guard of `operation` for `principal`.
   * @throws Error when `operation` is neither a Mutation of the registry nor a command-only entry,
   *   or has a read rule there (a programming error: every command has a rule).
   * @throws DomainError FORBIDDEN OUTSIDE_KEY_SUBTREE for a WHOLE_ORG operation and a limited key.
   */
  static for(operation: string, principal: Principal): SubtreeGuard {
    const access = findCommandAccess(operation);
    if (access === undefined)
      throw new Error(
        `${operation} is not a Mutation of the scope registry nor a command-only entry (src/domain/api-scopes.ts)`,
      );
    // Named as the GraphQL guard names it (Mutation.createMetric); a command-only entry by its own name.
    const path = findRootFieldAccess('Mutation', operation) === undefined ? operation : `Mutation.${operation}`;
    if (!WRITE_RULES.includes(access.subtree))
      throw new Error(`${path} has the read rule ${access.subtree}; a write needs one of ${WRITE_RULES}`);
    const rootId = subtreeRootOf(principal);
    if (access.subtree === 'WHOLE_ORG' && rootId !== null) throw wholeOrganisationOnly(path);
    return new SubtreeGuard(operation, access.subtree as WriteSubtreeRule, rootId);
  }

  /** Whether the org node `nodeId` lies inside the subtree (always, without a bound). */
  private contains(m: EntityManager, nodeId: string): Promise<boolean> {
    return isNodeWithin(m, nodeId, this.rootId);
  }

  /**
   * Loads and locks (FOR UPDATE) the experiment named by id or key in `fields`.
   * @throws DomainError NOT_FOUND naming the field given, when it is missing or owned outside.
   */
  async lockExperiment(m: EntityManager, fields: { id: string; key: string }, ref: IdOrKey): Promise<Experiment> {
    const experiment = await lockExperiment(m, fields, ref);
    if (await this.contains(m, experiment.ownerNodeId)) return experiment;
    const picked = pickReference(fields, ref, true)!;
    throw 'id' in picked
      ? notFound('experiment', fields.id, picked.id)
      : notFound('experiment', fields.key, picked.key);
  }

  /**
   * Loads the experiment `id` (the input `field`), locking it (FOR UPDATE) when `lock`.
   * @throws DomainError NOT_FOUND naming `field`, when it is missing or owned outside.
   */
  async findExperiment(m: EntityManager, field: string, id: string, lock = false): Promise<Experiment> {
    const experiment = await findExperimentForWrite(m, field, id, lock);
    if (!(await this.contains(m, experiment.ownerNodeId))) throw notFound('experiment', field, id);
    return experiment;
  }

  /** The subtree as a pure predicate, for planners that decide many items at once (the bulk import). */
  async bound(m: EntityManager): Promise<SubtreeBound> {
    if (this.rootId === null) return { contains: () => true };
    const inside = await findSubtreeNodeIds(m, this.rootId);
    return { contains: (nodeId) => inside.has(nodeId) };
  }

  /**
   * The records whose owner node (`ownerOf`: an experiment's, or a record's experiment's) lies
   * inside, in their order; the others are to be treated as missing. One lookup of the subtree
   * with a bound, none without.
   */
  async keepVisible<T>(m: EntityManager, records: readonly T[], ownerOf: (record: T) => string): Promise<T[]> {
    if (this.rootId === null || records.length === 0) return [...records];
    const bound = await this.bound(m);
    return records.filter((record) => bound.contains(ownerOf(record)));
  }

  /**
   * Refuses a record of an experiment owned outside (e.g. a hypothesis): `hidden` is the error its
   * absence gives (NOT_FOUND naming the input field), so an outside record is reported as missing.
   */
  async assertRecordVisible(
    m: EntityManager,
    experiment: { readonly ownerNodeId: string },
    hidden: () => DomainError,
  ): Promise<void> {
    if (!(await this.contains(m, experiment.ownerNodeId))) throw hidden();
  }

  /**
   * Refuses a write to, under or owned by an org node outside; `node` null stands for "no parent"
   * (a new root, or a move to the top), which only an unbounded principal may do.
   * @throws DomainError FORBIDDEN, reason OUTSIDE_KEY_SUBTREE, naming `field`.
   */
  async assertNodeInside(
    m: EntityManager,
    node: { readonly id: string; readonly key: string } | null,
    field: string,
  ): Promise<void> {
    if (this.rootId === null) return;
    if (node === null) throw orgNodeOutside(null, field);
    if (!(await this.contains(m, node.id))) throw orgNodeOutside(node.key, field);
  }

  /**
   * Refuses a new webhook subscription bound outside (WEBHOOK_INSIDE): to an org node outside, or,
   * `node` null, to the whole organisation, which only an unbounded principal may subscribe to.
   * @throws DomainError FORBIDDEN, reason OUTSIDE_KEY_SUBTREE, naming `field`.
   */
  async assertSubscriptionNodeInside(
    m: EntityManager,
    node: { readonly id: string; readonly key: string } | null,
    field: string,
  ): Promise<void> {
    if (this.rootId === null) return;
    if (node === null) throw outsideKeySubtree('A subscription to the whole organisation reaches beyond', field);
    await this.assertNodeInside(m, node, field);
  }

  /**
   * Refuses a webhook subscription (or a delivery of one) bound outside: to an org node outside,
   * or (`orgNodeId` null) to the whole organisation. It does not exist for the key: `hidden` is the
   * error its absence gives (NOT_FOUND naming the input field).
   */
  async assertSubscriptionVisible(
    m: EntityManager,
    orgNodeId: string | null,
    hidden: () => DomainError,
  ): Promise<void> {
    if (this.rootId === null) return;
    if (orgNodeId === null || !(await this.contains(m, orgNodeId))) throw hidden();
  }

  /**
   * A learning is editable when all its experiments lie inside: one none of whose experiments is
   * inside does not exist for the key (NOT_FOUND naming `field`); one also linked to experiments
   * outside is read-only for it (FORBIDDEN), since replacing its links would touch experiments the
   * key cannot see.
   */
  async assertLearningEditable(m: EntityManager, learningId: string, field: string, inputId: string): Promise<void> {
    if (this.rootId === null) return;
    const links = await countLearningLinksWithin(m, learningId, this.rootId);
    if (links.inside === 0) throw notFound('learning', field, inputId);
    if (links.inside < links.total)
      throw outsideKeySubtree('The learning is also linked to experiments outside', field);
  }
}
