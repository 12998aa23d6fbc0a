/**
 * Errors cross every transport as data: a stable code the UI can act on, a one-sentence
 * message (what happened, why, what to do) and optional details.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_OPERATION'
  | 'UNSUPPORTED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INTERNAL'
  | 'CANCELLED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ENGINE_UNREACHABLE'
  | 'NO_WORKSPACE'
  | 'WORKSPACE_NOT_FOUND'
  | 'NOT_A_WORKSPACE'
  | 'WORKSPACE_EXISTS'
  | 'DB_CORRUPT'
  | 'DB_TOO_NEW'
  /** the database is missing or empty while the store holds data: restore it or `kiln data recover` */
  | 'DB_LOST'
  | 'DATASET_NOT_FOUND'
  | 'VERSION_NOT_FOUND'
  | 'STORE_CORRUPT'
  | 'DISK_FULL'
  | 'FILE_UNREADABLE'
  | 'FILE_CHANGED'
  | 'PATH_ESCAPE'
  | 'LOCKED'
  | 'PIPELINE_INVALID'
  | 'IMAGE_NOT_FOUND'
  | 'STAGE_FAILED'
  | 'GPU_UNAVAILABLE'
  | 'RUN_NOT_FOUND'
  | 'RUN_AMBIGUOUS'
  | 'FILTER_INVALID'
  | 'IMPORT_INVALID'
  | 'NOT_IMPLEMENTED'
  | 'MODEL_NOT_FOUND'
  | 'ALIAS_NOT_FOUND'
  | 'MODEL_INVALID'
  | 'MODEL_UNSAFE'
  | 'HOLDOUT_INVALID'
  | 'PREDICTION_INVALID'
  | 'GATE_INVALID'
  | 'GATE_FAILED'
  | 'REGISTRY_UNREACHABLE'
  | 'REGISTRY_ERROR'
  | 'DIGEST_MISMATCH'
  | 'ARTIFACT_INVALID'
  | 'TARGET_INVALID'
  | 'DEPLOY_FAILED';

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class KilnError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'KilnError';
    this.code = code;
    this.details = details;
  }
  toData(): ErrorData {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
  static fromData(d: ErrorData): KilnError {
    return new KilnError(d.code, d.message, d.details);
  }
}

/** Any thrown value as error data; unexpected errors keep their message but not their stack. */
export function toErrorData(e: unknown): ErrorData {
  if (e instanceof KilnError) return e.toData();
  if (
    e &&
    typeof e === 'object' &&
    'code' in e &&
    'message' in e &&
    typeof (e as ErrorData).code === 'string' &&
    (e as { name?: string }).name === 'KilnError'
  ) {
    return { code: (e as ErrorData).code, message: (e as ErrorData).message };
  }
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** The envelope every transport returns. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
