import { type CommandContext } from '../command-context';
import { showsNothing } from '../replay-visibility';
import { runCommand } from '../run-command';
import { importWithAudit } from './import-audit-writes';
import { type ImportExperimentsCommand, type ImportExperimentsOutcome, importExperiments } from './import-writes';

/**
 * importExperiments (the mutation; `npm run import` writes each batch the same way, see
 * importNdjsonFile): one transaction with one audit row per experiment written (CREATED or
 * UPDATED), appended by importWithAudit. Each item's experiment is re-checked where it is read
 * (ImportItemResult.experiment), replays included, so a replay has nothing to re-check here.
 */
export function handleImportExperiments(
  ctx: CommandContext,
  input: ImportExperimentsCommand,
  idempotencyKey?: string | null,
): Promise<ImportExperimentsOutcome> {
  return runCommand<ImportExperimentsOutcome>(
    ctx,
    { operation: 'importExperiments', args: { input }, idempotencyKey, auditedByWrite: true, shows: showsNothing },
    (w) => importWithAudit(w, input.items, input.source ?? null, () => importExperiments(w, input)),
  );
}
