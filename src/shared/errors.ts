/**
 * Errors are types: the HTTP layer maps each kind to a status and a French page,
 * so that a refused rule is never a 500.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what = 'resource') {
    super(`${what} not found`);
  }
}

/** The database did not answer: the portal says so (503) and writes nothing half-done. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  constructor(cause?: unknown) {
    super('service unavailable', { cause });
  }
}

/** A reason the portal cannot start that the operator can fix: printed as a message, not a stack. */
export class StartupError extends Error {}
