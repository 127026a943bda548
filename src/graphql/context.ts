import { type DataSource } from 'typeorm';
import { createLoaders, type Loaders } from './loaders';

/** Per-request state handed to every resolver. */
export interface Context {
  readonly dataSource: DataSource;
  readonly loaders: Loaders;
  /** The request's clock: every "now" in a request (status dates, defaults) reads this. */
  readonly now: Date;
}

/** Builds a fresh context (new loaders, so caches never leak between requests). */
export function createContext(dataSource: DataSource): Context {
  return { dataSource, loaders: createLoaders(dataSource), now: new Date() };
}
