#!/usr/bin/env node
// The psea command: compiled from packages/cli/src (npm ci builds it).
//
// `psea ingest` streams a file of any size and holds a bounded amount of live data, but V8 lets
// its heap grow lazily to hundreds of MiB before collecting; run in a process whose heap is
// capped, its memory stays flat whatever the file's size (docs/ingest-format.md).
const INGEST_HEAP_MIB = 96;
if (process.argv[2] === 'ingest' && process.env.PSEA_INGEST_HEAP_BOUND !== String(INGEST_HEAP_MIB)) {
  const { spawnSync } = require('node:child_process');
  const run = spawnSync(
    process.execPath,
    [`--max-old-space-size=${INGEST_HEAP_MIB}`, require('node:path').join(__dirname, 'psea.js'), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, PSEA_INGEST_HEAP_BOUND: String(INGEST_HEAP_MIB) },
    },
  );
  if (run.error) throw run.error;
  process.exitCode = run.status ?? 1;
} else {
  require('../dist/main.js');
}
