import { TOPOLOGIES, Topology } from './hub';

/** The environment variable that chooses the routing tier `npm start` runs. */
export const TOPOLOGY_VARIABLE = 'HUB_TOPOLOGY';

function isTopology(value: string): value is Topology {
  return (TOPOLOGIES as readonly string[]).includes(value);
}

function checked(value: string, where: string): Topology {
  if (isTopology(value)) return value;
  throw new Error(`${where} must be one of ${TOPOLOGIES.join(', ')}, got ${JSON.stringify(value)}`);
}

/**
 * The routing tier `npm start` runs: `--topology NAME` (or `--topology=NAME`) on the command
 * line, else HUB_TOPOLOGY, else `embedded`, the default the README starts. Any other argument,
 * or a name that is no topology, stops the start with a message naming where it came from: a
 * typo must not quietly start another layout than the one asked for.
 */
export function chooseTopology(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Topology {
  let fromFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--topology') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error('--topology needs a value: ' + TOPOLOGIES.join(', '));
      fromFlag = value;
      i++;
    } else if (arg.startsWith('--topology=')) {
      fromFlag = arg.slice('--topology='.length);
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)}: npm start takes only --topology ${TOPOLOGIES.join('|')}`);
    }
  }
  if (fromFlag !== undefined) return checked(fromFlag, '--topology');
  const fromEnv = env[TOPOLOGY_VARIABLE];
  if (fromEnv === undefined || fromEnv === '') return 'embedded';
  return checked(fromEnv, TOPOLOGY_VARIABLE);
}
