/** Stable error codes: scripts and tests match on these, never on message text. */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_UNKNOWN_STRATEGY'
  | 'E_UNKNOWN_WORKLOAD'
  | 'E_INVALID_MODULE'
  | 'E_INVALID_RESULT_FILE'
  | 'E_DISCOVERY'
  | 'E_RUNTIME'
  | 'E_TIMEOUT'
  | 'E_WORKER_EXIT'
  | 'E_PART_FAILED'
  | 'E_CLOSED'
  | 'E_ABORTED'
  | 'E_INTERNAL';

/** An error whose `code` says what went wrong; `exitCode` 2 marks bad usage or bad input. */
export class CoresweepError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CoresweepError';
    this.code = code;
  }
}

/** Errors the user caused with their input: printed as one line, exit code 2. */
export const INPUT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set([
  'E_USAGE',
  'E_UNKNOWN_STRATEGY',
  'E_UNKNOWN_WORKLOAD',
  'E_INVALID_MODULE',
  'E_INVALID_RESULT_FILE',
  'E_DISCOVERY',
  // A runtime --runtimes asks for cannot be had (not cached, and the npm registry cannot be reached).
  'E_RUNTIME',
]);

export function isInputError(error: unknown): error is CoresweepError {
  return error instanceof CoresweepError && INPUT_ERROR_CODES.has(error.code);
}

/** A serialisable view of an error that crossed a thread or process boundary. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an Error from its serialised form, keeping the remote stack so the real origin stays visible. */
export function deserializeError(data: SerializedError): Error {
  const error = new Error(data.message);
  error.name = data.name;
  if (data.stack) error.stack = data.stack;
  if (data.code) (error as { code?: string }).code = data.code;
  return error;
}
