import { InitialCatalogue1764000000000 } from './1764000000000-InitialCatalogue';
import { StoredClassification1764100000000 } from './1764100000000-StoredClassification';

/** Every migration, oldest first. Add new ones at the end; never edit one that is on main. */
export const migrations = [InitialCatalogue1764000000000, StoredClassification1764100000000];
