import { registerEnumType } from 'type-graphql';
import { IMPORT_OUTCOMES } from '../domain/import/import-item';
import { enumOf } from './enums';

/** Outcome of one importExperiments item, derived from IMPORT_OUTCOMES in src/domain/import/import-item.ts. */
export const ImportOutcome = enumOf(IMPORT_OUTCOMES);

registerEnumType(ImportOutcome, {
  name: 'ImportOutcome',
  description:
    'CREATED: a new experiment; UPDATED: the stored one changed; UNCHANGED: it already matched the item (nothing written); FAILED: refused, nothing of it written (see errors).',
});
