import { LeverageError, exitCodeFor, type ErrorKind, type LeverageErrorOptions } from '../errors/index.ts';

/**
 * A user-facing failure raised by a command: bad input, unknown name, impossible parameter. The
 * CLI prints `message` (never a stack trace) on stderr and exits with the catalogue's code for
 * its kind (input and not_found: 2; see src/errors).
 */
export class UserError extends LeverageError {
  constructor(message: string, options: LeverageErrorOptions & { kind?: ErrorKind; code?: string } = {}) {
    super(options.kind ?? 'input', options.code ?? 'invalid', message, options);
    this.name = 'UserError';
  }
  get exitCode(): number {
    return exitCodeFor(this);
  }
}
