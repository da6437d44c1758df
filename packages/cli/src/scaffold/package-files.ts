import type { SourceNames } from './names';

/**
 * The new source as a workspace package: its package.json and tsconfig (built against the
 * contract and the kit), the entry point the kit runs, and the definition that names its parts.
 */
export function packageFiles(n: SourceNames, migrationTimestamp: number): Record<string, string> {
  const m = `InitialSchema${migrationTimestamp}`;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@psea/subgraph-${n.slug}`,
        version: '0.1.0',
        private: true,
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
        dependencies: {
          '@psea/contract': '0.1.0',
          '@psea/subgraph-kit': '0.1.0',
          'reflect-metadata': '^0.2.2',
          typeorm: '^0.3.27',
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
        include: ['src'],
        exclude: ['src/**/__tests__/**'],
        references: [{ path: '../../packages/contract' }, { path: '../../packages/subgraph-kit' }],
      },
      null,
      2,
    )}\n`,
    'src/main.ts': `import { runSubgraph } from '@psea/subgraph-kit';
import { ${n.camel} } from './definition';

runSubgraph(${n.camel});
`,
    'src/index.ts': `export { ${n.camel} as definition } from './definition';
`,
    'src/definition.ts': `import { Source } from '@psea/contract';
import type { SubgraphDefinition } from '@psea/subgraph-kit';
import { ${m} } from './migrations/${migrationTimestamp}-initial-schema';
import { reportMapping } from './reports/report.mapper';
import { writeReports } from './reports/report.writer';

/** The ${n.slug} source. */
export const ${n.camel}: SubgraphDefinition = {
  source: Source.${n.constant},
  migrations: [${m}],
  mapping: reportMapping,
  writeStaged: writeReports,
};
`,
  };
}
