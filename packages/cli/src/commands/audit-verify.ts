import { verifyAuditChain } from '@psea/subgraph-kit';
import { CliError, EXIT } from '../cli-error';
import { loadDefinition, openSourceDatabase } from '../source-database';
import { findSource } from '../sources';

const REASONS = {
  altered: 'its content does not match its hash (changed after it was written)',
  unlinked: 'it does not follow the row before it (a row was removed or inserted out of band)',
} as const;

/**
 * `psea audit verify --source <name>`: checks the hash chain of the source's audit log and
 * names the first broken row (exit 1). Prints the head so it can be recorded elsewhere.
 */
export async function auditVerify(sourceName: string, print: (line: string) => void): Promise<void> {
  const source = findSource(sourceName);
  const definition = loadDefinition(source);
  const dataSource = await openSourceDatabase(source, definition);
  try {
    const report = await verifyAuditChain(dataSource);
    if (report.firstBroken) {
      throw new CliError(
        `${source.name}: the audit log is broken at row ${report.firstBroken.id}: ${REASONS[report.firstBroken.reason]}`,
        EXIT.PROBLEMS,
      );
    }
    const head = report.head ? `; last row ${report.head.id}, hash ${report.head.hash}` : '';
    print(`${source.name}: ${report.rows} audit rows, hash chain intact${head}`);
  } finally {
    await dataSource.destroy();
  }
}
