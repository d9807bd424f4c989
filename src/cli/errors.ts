/**
 * A user-facing failure: bad input, unknown name, impossible parameter. The CLI prints
 * `message` (never a stack trace) on stderr and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
