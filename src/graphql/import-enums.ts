import { registerEnumType } from 'type-graphql';
import { IMPORT_OUTCOMES } from '../domain/import/import-item';

/** Outcome of one importExperiments item; values mirror the union in src/domain/import/import-item.ts. */
export const ImportOutcome = Object.fromEntries(IMPORT_OUTCOMES.map((v) => [v, v])) as {
  [K in (typeof IMPORT_OUTCOMES)[number]]: K;
};

registerEnumType(ImportOutcome, {
  name: 'ImportOutcome',
  description:
    'CREATED: a new experiment; UPDATED: the stored one changed; UNCHANGED: it already matched the item (nothing written); FAILED: refused, nothing of it written (see errors).',
});
