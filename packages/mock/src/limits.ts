// The validation proxy's bounds on its upstream, in a module of their own so that a caller (the
// contract CLI's usage text and flag checks) can read them without loading Prism.

/** Default bound of one upstream answer, in milliseconds. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

/** Default bound of one upstream body, in bytes after decompression. */
export const DEFAULT_MAX_UPSTREAM_BODY_BYTES = 16 * 1024 * 1024;
