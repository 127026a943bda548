import fs from 'node:fs';
import { once } from 'node:events';
import { type ExperimentBundle } from '../src/db/seed/records';
import { type SimulatedPortfolio } from '../src/db/seed/simulate-portfolio';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * One simulated experiment as an import item (an NDJSON line of `npm run import`): the seed's
 * experiment, hypothesis, variants with units, metrics, results and decisions, referring to org
 * nodes, metrics and variants by key as another system would. Health checks, learnings and restart
 * links are not part of an import item and are left out.
 */
export function importItemOf(
  bundle: ExperimentBundle,
  nodeKeys: ReadonlyMap<string, string>,
  metricKeys: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const e = bundle.experiment;
  const variantKeys = new Map(bundle.variants.map((v) => [v.id, v.key]));
  const metricOf = new Map(bundle.experimentMetrics.map((em) => [em.id, metricKeys.get(em.metricId)!]));
  const hypothesis = bundle.hypotheses[0];
  return {
    externalId: e.id,
    key: e.key,
    title: e.title,
    description: e.description,
    ownerNodeKey: nodeKeys.get(e.ownerNodeId)!,
    kind: e.kind,
    countsTowardEwl: e.countsTowardEwl,
    alpha: e.alpha,
    power: e.power,
    plannedSampleSize: e.plannedSampleSize,
    plannedRuntimeDays: e.plannedRuntimeDays,
    randomizationUnit: e.randomizationUnit,
    tags: e.tags,
    hypothesis:
      hypothesis === undefined ? undefined : { statement: hypothesis.statement, rationale: hypothesis.rationale },
    variants: bundle.variants.map((v) => ({
      key: v.key,
      name: v.name,
      isControl: v.isControl,
      plannedWeight: v.plannedWeight,
      units: v.units,
      multiExposedUnits: v.multiExposedUnits,
    })),
    metrics: bundle.experimentMetrics.map((em) => ({
      metricKey: metricKeys.get(em.metricId)!,
      role: em.role,
      mde: em.mde,
      mdeScale: em.mdeScale,
      nim: em.nim,
      nimScale: em.nimScale,
    })),
    status: e.status,
    startedAt: iso(e.startedAt),
    endedAt: iso(e.endedAt),
    concludedAt: iso(e.concludedAt),
    results: bundle.metricResults.map((r) => ({
      metricKey: metricOf.get(r.experimentMetricId)!,
      variantKey: variantKeys.get(r.variantId)!,
      period: r.period,
      n: r.n,
      sum: r.sum,
      sumSq: r.sumSq ?? undefined,
      sumX: r.sumX ?? undefined,
      sumXSq: r.sumXSq ?? undefined,
      sumXY: r.sumXY ?? undefined,
    })),
    decisions: bundle.decisions.map((d) => ({
      kind: d.kind,
      shippedVariantKey: d.shippedVariantId === null ? undefined : variantKeys.get(d.shippedVariantId),
      rationale: d.rationale,
      decidedBy: d.decidedBy,
      decidedAt: iso(d.decidedAt),
    })),
  };
}

/** Writes every experiment of the portfolio as one NDJSON line (with backpressure); returns the line count and the results written. */
export async function writeImportFile(
  portfolio: SimulatedPortfolio,
  file: string,
): Promise<{ lines: number; results: number; bytes: number }> {
  const nodeKeys = new Map(portfolio.orgNodes.map((n) => [n.id, n.key]));
  const metricKeys = new Map(portfolio.metrics.map((m) => [m.id, m.key]));
  const out = fs.createWriteStream(file);
  let lines = 0;
  let results = 0;
  for (const bundle of portfolio.experimentBundles()) {
    lines += 1;
    results += bundle.metricResults.length;
    if (!out.write(`${JSON.stringify(importItemOf(bundle, nodeKeys, metricKeys))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { lines, results, bytes: (await fs.promises.stat(file)).size };
}
