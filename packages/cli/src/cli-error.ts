import { EXIT, OperatorError } from '@psea/contract';

export { EXIT };

/** An error the CLI reports as one line, with its exit code, and no stack. */
export class CliError extends OperatorError {}
