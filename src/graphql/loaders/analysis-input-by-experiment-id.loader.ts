import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type LoadedAnalysisInput, loadAnalysisInputs } from '../../db/queries/analysis-input-reads';

/** Classifier inputs of experiments (Experiment.analysis): six statements per batch, whatever its size. */
export function createAnalysisInputByExperimentIdLoader(dataSource: DataSource) {
  return new DataLoader<string, LoadedAnalysisInput | null>(async (ids) => {
    const inputs = await loadAnalysisInputs(dataSource.manager, ids);
    return ids.map((id) => inputs.get(id) ?? null);
  });
}
