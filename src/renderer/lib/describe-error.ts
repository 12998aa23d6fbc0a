import { KilnError } from '../../shared/contract/errors.js';

export interface ErrorDescription {
  code?: string;
  message: string;
  details?: string;
}

/** Any thrown value as what the UI shows: the sentence, the stable code, and details as text. */
export function describeError(e: unknown): ErrorDescription {
  if (e instanceof KilnError) {
    return { code: e.code, message: e.message, details: e.details === undefined ? undefined : JSON.stringify(e.details, null, 2) };
  }
  // a stack trace helps nobody reading the UI; Kiln's own errors carry their details as data
  if (e instanceof Error) return { message: e.message };
  return { message: String(e) };
}

export function errorCode(e: unknown): string | undefined {
  return e instanceof KilnError ? e.code : undefined;
}
