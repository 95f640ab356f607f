// Exit codes by error class: the one table that `hss --help`, the README and the tests read.

import {
  HssApiError,
  HssAuthenticationError,
  HssConfigurationError,
  HssNetworkError,
  HssNotFoundError,
  HssPaginationError,
  HssRateLimitError,
  HssResponseError,
  HssTimeoutError,
  HssValidationError,
} from "@hss-kit/client";

/** Raised for a command line `hss` cannot run: an unknown subcommand or flag, a flag without its value. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** What an exit code means and which errors end with it. */
export interface ExitCode {
  readonly code: number;
  readonly meaning: string;
  /** The error classes that end with this code; the first row whose class matches wins. */
  readonly errors: readonly (abstract new (...args: never[]) => Error)[];
}

/**
 * Every exit code of `hss` other than 0 (success), most specific error class first. Scripts can
 * branch on them: 4 means fix the credentials, 6 means wait and run again.
 */
export const EXIT_CODES: readonly ExitCode[] = [
  { code: 2, meaning: "usage: an unknown subcommand or flag, or a flag value the spec does not allow", errors: [UsageError, HssValidationError] },
  { code: 3, meaning: "configuration: no credentials, project or endpoint", errors: [HssConfigurationError] },
  { code: 4, meaning: "authentication: HTTP 401 or 403 (wrong or expired credentials, missing permission)", errors: [HssAuthenticationError] },
  { code: 5, meaning: "not found: HTTP 404 (no such project, task or API)", errors: [HssNotFoundError] },
  { code: 6, meaning: "throttled: HTTP 429 (APIGW.0308) after every retry", errors: [HssRateLimitError] },
  { code: 7, meaning: "HSS refused or failed: any other HTTP error (400, 5xx, a redirect)", errors: [HssApiError] },
  { code: 8, meaning: "no answer: network error or timeout", errors: [HssNetworkError, HssTimeoutError] },
  { code: 9, meaning: "unusable answer: a body that is not the spec's shape, too large, or pages that do not add up", errors: [HssResponseError, HssPaginationError] },
];

/** Exit code of anything else: a bug in hss, reported as such. */
export const UNEXPECTED_EXIT_CODE = 1;

/** The exit code of an error. */
export function exitCodeOf(error: unknown): number {
  const row = EXIT_CODES.find(({ errors }) => errors.some((type) => error instanceof type));
  return row?.code ?? UNEXPECTED_EXIT_CODE;
}
