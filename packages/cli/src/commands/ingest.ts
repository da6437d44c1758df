import { createReadStream, existsSync, statSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { IngestError, IngestResult, ingestCsv } from '@psea/subgraph-kit';
import { CliError, EXIT } from '../cli-error';
import { findSource } from '../sources';
import { loadDefinition, openSourceDatabase, pseudonymKeys } from '../source-database';

/**
 * `psea ingest --source <name> <file.csv>`: validates every row, then loads the whole file in
 * one transaction through the source's own mapping. Prints inserted / updated / unchanged.
 */
export async function ingest(
  sourceName: string,
  file: string,
  print: (line: string) => void,
  stats = false,
): Promise<IngestResult> {
  const started = Date.now();
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`no such file: ${file}`, EXIT.USAGE);
  const source = findSource(sourceName);
  const definition = loadDefinition(source);
  const keys = await pseudonymKeys(source);
  const dataSource = await openSourceDatabase(source, definition);
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: '{phase} |{bar}| {value} rows', hideCursor: true }, Presets.shades_classic)
    : undefined;
  let phase = '';
  try {
    const result = await ingestCsv({
      dataSource,
      definition,
      pseudonymKeys: keys,
      open: () => createReadStream(file),
      onProgress: (p, rows) => {
        if (!bar) return;
        if (p !== phase) {
          if (phase) bar.stop();
          phase = p;
          bar.start(0, 0, { phase: p === 'validate' ? 'checking' : 'writing ' });
        }
        bar.setTotal(rows);
        bar.update(rows);
      },
    });
    bar?.stop();
    print(
      `${source.name}: ${result.rows} rows: ${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged`,
    );
    if (result.version === 1)
      print(
        'format version 1: read as version 3 (no Member State referral, JAILED as an action of the Member State, ' +
          'no investigation months, perpetrators of unknown sex, investigating_entity as a list of one); see docs/ingest-format.md',
      );
    if (result.version === 2)
      print('format version 2: read as version 3 (investigating_entity as a list of one entity); see docs/ingest-format.md');
    if (stats) {
      const seconds = (Date.now() - started) / 1000;
      print(`stats: ${seconds.toFixed(1)} s, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
      const cpu = process.cpuUsage();
      print(`stats: this process's CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
      for (const [phase, ms] of Object.entries(result.phases)) print(`stats: ${phase}: ${(ms / 1000).toFixed(1)} s`);
    }
    return result;
  } catch (error) {
    bar?.stop();
    if (error instanceof IngestError) {
      for (const p of error.problems) print(`${file}: line ${p.line}, column ${p.column}: ${p.message}`);
      if (error.total > error.problems.length) print(`... and ${error.total - error.problems.length} more`);
      throw new CliError(`${error.total} problem(s) in ${file}; nothing was written`, EXIT.PROBLEMS);
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}
