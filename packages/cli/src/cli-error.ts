/** Exit codes of every psea command. */
export const EXIT = {
  OK: 0,
  /** The command ran and found problems (invalid rows, a non-conformant subgraph, composition errors). */
  PROBLEMS: 1,
  /** The command was called wrongly (unknown option, bad argument). */
  USAGE: 2,
  /** Something around it failed (database unreachable, file missing, subgraph down). */
  ENVIRONMENT: 3,
} as const;

/** An error the CLI reports as one line, with its exit code, and no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.ENVIRONMENT,
  ) {
    super(message);
  }
}
