import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENTITIES, Role, isRole, sourceSlug } from '@psea/contract';
import { devKeys, mintDevToken } from './dev-tokens';

/** The registered sources' names, as a user types them: from the registry, never a fixed list. */
const SOURCE_NAMES = [...new Set(ENTITIES.map((e) => sourceSlug(e.source)))].join(', ');

const USAGE = `Prints a development token for the hub started by npm start.

  npm run token -- --role <role> [options]

  --role       coordinator | focal-point | report-author | screener
  --source     focal points: the source they answer for (${SOURCE_NAMES})
  --entities   focal points: entity codes, comma-separated (default: all of the source's)
  --subject    who the token names (default dev-<role>)
  --expires    lifetime, e.g. 30m, 8h (default 8h)

Use it as: curl -H "Authorization: Bearer $(npm run -s token -- --role coordinator)" ...`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      source: { type: 'string' },
      entities: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!isRole(values.role))
    throw new Error(
      `--role must be one of ${Object.values(Role).join(', ')}, got ${values.role === undefined ? 'none' : `"${values.role}"`}`,
    );
  const role = values.role;
  let entities: string[] | undefined;
  if (role === Role.FOCAL_POINT) {
    const own = ENTITIES.filter((e) => sourceSlug(e.source) === values.source).map((e) => e.code);
    if (own.length === 0)
      throw new Error(
        `a focal point needs --source with one of the registered sources (${SOURCE_NAMES}), got ${values.source === undefined ? 'none' : `"${values.source}"`}`,
      );
    entities = values.entities ? values.entities.split(',').map((e) => e.trim().toUpperCase()) : own;
    const foreign = entities.filter((e) => !own.includes(e));
    if (foreign.length)
      throw new Error(`--entities ${foreign.join(', ')} do not belong to ${values.source}: its entities are ${own.join(', ')}`);
  }
  if (values.expires !== undefined && !/^\d+[smhd]$/.test(values.expires))
    throw new Error(`--expires must look like 30m, 8h or 2d, got "${values.expires}"`);
  const stateDir = process.env['PSEA_DATA_DIR'] ?? join(resolve(__dirname, '..', '..', '..'), '.data');
  const token = await mintDevToken(await devKeys(stateDir), {
    role,
    ...(values.subject ? { subject: values.subject } : {}),
    ...(values.source && role === Role.FOCAL_POINT ? { source: values.source } : {}),
    ...(entities ? { entities } : {}),
    ...(values.expires ? { expiresIn: values.expires } : {}),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exit(2);
});
