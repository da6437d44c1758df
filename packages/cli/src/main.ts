import { Command, Option } from 'commander';
import { CliError, EXIT } from './cli-error';
import { auditVerify } from './commands/audit-verify';
import { checkSubgraph } from './commands/check-subgraph';
import { compose } from './commands/compose';
import { conformanceToken } from './commands/conformance-token';
import { exportSource } from './commands/export';
import { ingest } from './commands/ingest';
import { newSubgraph } from './commands/new-subgraph';
import { period } from './commands/period';
import { referenceSdl } from './commands/reference-sdl';
import { report } from './commands/report';
import { reportDiff } from './commands/report-diff';
import { readEdition } from './report/edition-verify';
import { seed } from './commands/seed';

const print = (line: string) => process.stdout.write(`${line}\n`);

const program = new Command('psea')
  .description('Publish, check and load the sources of the PSEA federation hub.')
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? EXIT.OK : EXIT.USAGE);
  });

program
  .command('compose')
  .description('compile gateway/sources.json into the contract and compose the supergraph from every source')
  .option('--out <file>', 'where to write the supergraph', undefined)
  .option('--no-build', 'do not rebuild when the list of sources changed')
  .action((options: { out?: string; build: boolean }) => compose(options, print));

program
  .command('check-subgraph')
  .description('check a subgraph against the contract before it goes live; exit 1 on any problem')
  .option('--url <url>', "the subgraph's GraphQL URL (asked with the gateway's key)")
  .option('--sdl <file>', 'a file with the subgraph SDL')
  .option(
    '--name <source>',
    'its name in gateway/sources.json (default: from the token, the registered URL or the contributor field)',
  )
  .option('--token <token>', 'a conformance token from the gateway operator (or set PSEA_CONFORMANCE_TOKEN)')
  .action(async (options: { url?: string; sdl?: string; name?: string; token?: string }) => {
    const problems = await checkSubgraph(options);
    for (const problem of problems) print(`✗ ${problem}`);
    if (problems.length) throw new CliError(`${problems.length} problem(s): the subgraph does not conform`, EXIT.PROBLEMS);
    print('✓ the subgraph conforms to the contract and composes with the other sources');
  });

program
  .command('new-subgraph <name>')
  .description('create a working entity subgraph under subgraphs/<name> and register it')
  .option(
    '--entity <CODE=Name...>',
    'an entity the source publishes (repeat for several)',
    (v: string, all: string[]) => [...all, v],
    [],
  )
  .addOption(new Option('--kind <kind>', 'kind of its entities').default('AGENCY_FUND_PROGRAMME'))
  .option(
    '--categories <list>',
    'categories of personnel it reports, comma-separated',
    'STAFF,RELATED_PERSONNEL,IMPLEMENTING_PARTNER',
  )
  .option('--no-compose', 'do not compose the supergraph afterwards')
  .action((name: string, options: { entity: string[]; kind: string; categories: string; compose: boolean }) =>
    newSubgraph(name, options, print),
  );

program
  .command('ingest <file>')
  .description("load a CSV file (docs/ingest-format.md) into a source's own database: all rows or none")
  .requiredOption('--source <name>', 'the source, as named in gateway/sources.json')
  .option('--stats', 'also print the time taken and the peak memory')
  .action(async (file: string, options: { source: string; stats?: boolean }) => {
    await ingest(options.source, file, print, options.stats === true);
  });

program
  .command('conformance-token')
  .description("for the gateway's operator: a token that lets an entity's team check its subgraph (reads _service only)")
  .requiredOption('--source <name>', 'the source, as named in gateway/sources.json')
  .option('--days <n>', 'how long it lives, 1 to 30 days', '7')
  .action(async (options: { source: string; days: string }) => {
    print(await conformanceToken(options.source, Number(options.days)));
  });

program
  .command('seed')
  .description("load the synthetic reference dataset into a source's database if it holds no allegation")
  .requiredOption('--source <name>', 'the source, as named in gateway/sources.json')
  .action(async (options: { source: string }) => {
    await seed(options.source, print);
  });

program
  .command('export')
  .description("write a source's records in the ingestion format (subject identifiers are never exported)")
  .requiredOption('--source <name>', 'the source, as named in gateway/sources.json')
  .option('--out <file>', 'the file to write (default: standard output)')
  .action(async (options: { source: string; out?: string }) => {
    await exportSource(options.source, options.out, (line) => process.stderr.write(`${line}\n`));
  });

program
  .command('audit')
  .description("the source's audit log")
  .command('verify')
  .description("check the hash chain of a source's audit log; exit 1 naming the first broken row")
  .requiredOption('--source <name>', 'the source, as named in gateway/sources.json')
  .action(async (options: { source: string }) => {
    await auditVerify(options.source, print);
  });

const periodCommand = program
  .command('period')
  .description("an entity's submission status for a quarter, in its source's own database (needs the owner's credentials)");
for (const [name, closed, what] of [
  ['close', true, 'close (submit) a quarter for an entity: its figures for it are final until reopened'],
  ['reopen', false, 'reopen a closed quarter for an entity'],
] as const) {
  periodCommand
    .command(name)
    .description(what)
    .requiredOption('--source <name>', 'the source, as named in gateway/sources.json')
    .requiredOption('--entity <code>', 'an entity of that source, e.g. MINUSCA')
    .requiredOption('--quarter <YYYYQn>', 'the quarter, e.g. 2016Q4')
    .action(async (options: { source: string; entity: string; quarter: string }) => {
      await period(closed, options, print);
    });
}

const reportCommand = program
  .command('report')
  .description(
    'write the annex tables for a year or a quarter, or the quarterly update (--format quarterly), asked of the gateway (exit 1 when a source is missing)',
  )
  .option('--year <YYYY>', 'a calendar year, e.g. 2016')
  .option('--quarter <YYYYQn>', 'a quarter, e.g. 2016Q3')
  .addOption(new Option('--format <format>', 'md, csv, json, or quarterly (the quarterly update, Markdown)').default('md'))
  .option('--out <folder>', 'where to write', 'reports')
  .option('--url <url>', "the gateway's GraphQL URL", 'http://127.0.0.1:4000/graphql')
  .option('--token <token>', 'a bearer token (or set PSEA_TOKEN)')
  .option('--produced-at <time>', 'the production time to print (default: SOURCE_DATE_EPOCH, else now)')
  .option('--freeze', 'write a signed edition into --out (an empty folder): tables, data versions, content hash')
  .option('--as-of <edition>', "regenerate an edition (its folder or manifest) from the sources' record history")
  .action(
    async (options: {
      year?: string;
      quarter?: string;
      format: string;
      out: string;
      url: string;
      token?: string;
      producedAt?: string;
      freeze?: boolean;
      asOf?: string;
    }) => {
      await report(options, print);
    },
  );

reportCommand
  .command('diff <editionA> <editionB>')
  .description(
    'every figure that changed between two editions, with its sources and entities; with a coordinator token, the records added, changed or removed (audited)',
  )
  // --url and --token are the report command's own (commander gives a parent's options to it
  // wherever they are written): with a coordinator's token the records are listed too.
  .action(async (a: string, b: string, _options: unknown, command: Command) => {
    await reportDiff(a, b, command.optsWithGlobals<{ url: string; token?: string }>(), print);
  });

reportCommand
  .command('verify <edition>')
  .description("check an edition's signature and every file's hash; exit 1 naming the first file that does not match")
  .action((folder: string) => {
    const edition = readEdition(folder);
    print(
      `edition of ${edition.manifest.period} intact: ${edition.manifest.files.length} files, content ${edition.manifest.contentHash}, signed by key ${edition.manifest.signature?.keyId}`,
    );
  });

program
  .command('reference-sdl', { hidden: true })
  .requiredOption('--field <name>')
  .action(async (options: { field: string }) => {
    process.stdout.write(await referenceSdl(options.field));
  });

program.parseAsync(process.argv).then(
  () => process.exit(EXIT.OK),
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`psea: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`psea: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.ENVIRONMENT);
  },
);
