import { type DataSource } from 'typeorm';

/**
 * One DataLoader per relation, created per request so that caches never outlive a request.
 * Each factory lives in its own `*.loader.ts` file.
 */
export function createLoaders(dataSource: DataSource) {
  void dataSource;
  return {};
}

export type Loaders = ReturnType<typeof createLoaders>;
