import { type DataSource } from 'typeorm';
import { createReadFixtures, day, type OrgTree } from '../fixtures/read-fixtures';

/**
 * A small, fixed catalogue for filter and search tests (keys in parentheses):
 * - onboarding: (onb-1) RUNNING AB_TEST tags signup+mobile started d10, title/description mention the signup form and phone;
 *               (onb-2) CONCLUDED ROLLOUT tag signup d20..d30, concluded d31, decision SHIP
 * - checkout:   (chk-1) STOPPED AB_TEST tags payments+mobile d5..d25, decisions ITERATE then ABORT
 * - growth:     (grw-1) DRAFT CAMPAIGN, owned by the department itself
 * - ranking:    (rank-1) CONCLUDED AB_TEST tag search d40..d50, concluded d60, decisions SHIP then NONE, hypothesis "Personalised ranking";
 *               (rank-2) ARCHIVED AA_TEST d1..d2, concluded d3, learning about thumbnails
 * Learnings: thumbnails (rank-2), long forms (onb-1 + its hypothesis), checkout regression (chk-1, onb-2).
 */
export async function buildCatalogue(dataSource: DataSource): Promise<{ tree: OrgTree }> {
  const f = createReadFixtures(dataSource);
  const tree = await f.buildOrgTree();
  const onb1 = await f.buildExperiment({
    ownerNodeId: tree.onboarding.id,
    key: 'onb-1',
    title: 'Shorter signup form',
    description: 'Remove the phone number field',
    status: 'RUNNING',
    tags: ['signup', 'mobile'],
    startedAt: day(10),
  });
  const onb2 = await f.buildExperiment({
    ownerNodeId: tree.onboarding.id,
    key: 'onb-2',
    title: 'Welcome email',
    kind: 'ROLLOUT',
    status: 'CONCLUDED',
    tags: ['signup'],
    startedAt: day(20),
    endedAt: day(30),
    concludedAt: day(31),
  });
  const chk1 = await f.buildExperiment({
    ownerNodeId: tree.checkout.id,
    key: 'chk-1',
    title: 'One page checkout',
    status: 'STOPPED',
    tags: ['payments', 'mobile'],
    startedAt: day(5),
    endedAt: day(25),
  });
  await f.buildExperiment({ ownerNodeId: tree.growth.id, key: 'grw-1', title: 'Referral campaign', kind: 'CAMPAIGN' });
  const rank1 = await f.buildExperiment({
    ownerNodeId: tree.ranking.id,
    key: 'rank-1',
    title: 'Ranking model v2',
    status: 'CONCLUDED',
    tags: ['search'],
    startedAt: day(40),
    endedAt: day(50),
    concludedAt: day(60),
  });
  const rank2 = await f.buildExperiment({
    ownerNodeId: tree.ranking.id,
    key: 'rank-2',
    title: 'Result page AA',
    kind: 'AA_TEST',
    status: 'ARCHIVED',
    startedAt: day(1),
    endedAt: day(2),
    concludedAt: day(3),
  });
  const onbHypothesis = await f.buildHypothesis(onb1.id, { statement: 'Fewer fields raise completion' });
  await f.buildHypothesis(rank1.id, { statement: 'Personalised ranking raises clicks' });
  await f.buildDecisions(onb2.id, ['SHIP']);
  await f.buildDecisions(chk1.id, ['ITERATE', 'ABORT']);
  await f.buildDecisions(rank1.id, ['SHIP', 'NONE']);
  await f.buildLearning(
    { experimentIds: [rank2.id] },
    { summary: 'Caching thumbnails reduces latency', tags: ['perf'] },
  );
  await f.buildLearning(
    { experimentIds: [onb1.id], hypothesisIds: [onbHypothesis.id] },
    { summary: 'Long forms lose users', kind: 'WHAT_DOES_NOT', tags: ['signup', 'forms'] },
  );
  await f.buildLearning(
    { experimentIds: [chk1.id, onb2.id] },
    { summary: 'Guardrails caught a checkout regression', kind: 'REGRESSION_CAUGHT', tags: ['payments'], author: 'bo' },
  );
  return { tree };
}
