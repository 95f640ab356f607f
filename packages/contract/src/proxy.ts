import type { RunningMock } from "@hss-kit/mock";
import { UsageError } from "./options.js";

/** The proxy's default bounds on the upstream, from `@hss-kit/mock` without loading Prism. */
export { DEFAULT_MAX_UPSTREAM_BODY_BYTES, DEFAULT_UPSTREAM_TIMEOUT_MS } from "@hss-kit/mock/limits";

/** Options of {@link startValidationProxy}. */
export interface ProxyOptions {
  /** The implementation to put behind the proxy. */
  upstream: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to bind; loopback by default. */
  host?: string;
  /** Milliseconds the upstream may take to answer, body included, before the proxy answers 504 (`--upstream-timeout`); 30,000 by default. */
  upstreamTimeoutMs?: number;
  /** Most bytes of one upstream body, after decompression, before the proxy answers 502 (`--max-body-bytes`); 16 MiB by default. */
  maxUpstreamBodyBytes?: number;
  /**
   * A key pair (`--access-key`, `--secret-key`): the proxy accepts only requests signed with it,
   * and re-signs each for the upstream, whose host is not the one the caller signed.
   */
  keyPair?: { accessKey: string; secretKey: string };
}

/**
 * Starts Prism's validation proxy in front of an implementation: valid requests are forwarded,
 * and a response that breaks the spec comes back as a 500 listing each violation (invalid
 * requests are refused with 422 before they reach the upstream), so a team can send its own
 * traffic through it and see every violation.
 */
export async function startValidationProxy(options: ProxyOptions): Promise<RunningMock> {
  let url: URL;
  try {
    url = new URL(options.upstream);
  } catch {
    throw new UsageError(`--upstream must be an absolute http:// or https:// URL; got ${JSON.stringify(options.upstream)}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--upstream must be an absolute http:// or https:// URL; got ${JSON.stringify(options.upstream)}.`);
  }
  // Prism is heavy to load: only the proxy command pays for it, not every contract run.
  const { startMock } = await import("@hss-kit/mock");
  return startMock({
    upstream: options.upstream,
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    logLevel: "silent",
    ...(options.upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    ...(options.maxUpstreamBodyBytes !== undefined ? { maxUpstreamBodyBytes: options.maxUpstreamBodyBytes } : {}),
    ...(options.keyPair ? { keys: new Map([[options.keyPair.accessKey, options.keyPair.secretKey]]), resignWith: options.keyPair } : {}),
  });
}
