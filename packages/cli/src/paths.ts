import { join, resolve } from 'node:path';

/** The repository the CLI belongs to (packages/cli/dist → the root). */
export const ROOT_DIR = resolve(__dirname, '..', '..', '..');
export const SOURCES_FILE = join(ROOT_DIR, 'gateway', 'sources.json');
export const SUPERGRAPH_FILE = join(ROOT_DIR, 'gateway', 'supergraph.graphql');
export const DATA_DIR = process.env['PSEA_DATA_DIR'] ?? join(ROOT_DIR, '.data');
