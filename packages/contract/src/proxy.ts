import { UsageError } from "./options.js";

/** A running validation proxy. */
export interface RunningProxy {
  /** Base URL to send traffic to, such as `http://127.0.0.1:4010`. */
  url: string;
  /** Stops the proxy. */
  close(): Promise<void>;
}

/** What to install for the proxy: `@hss-kit/mock` brings Prism, which a contract run never loads. */
export const PROXY_PACKAGE = "@hss-kit/mock";

/**
 * Loads a module of `@hss-kit/mock`, an optional peer of this package: only the proxy command
 * needs it (and Prism with it). Missing, it is a usage error that says what to install.
 */
export async function loadMockModule<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String(message).includes(PROXY_PACKAGE)) {
      throw new UsageError(`the proxy command needs ${PROXY_PACKAGE}, which brings Prism's validation proxy: npm install ${PROXY_PACKAGE}`);
    }
    throw error;
  }
}

/** The proxy's default bounds on the upstream, from `@hss-kit/mock` without loading Prism. */
export function proxyLimits(): Promise<{ DEFAULT_MAX_UPSTREAM_BODY_BYTES: number; DEFAULT_UPSTREAM_TIMEOUT_MS: number }> {
  return loadMockModule(() => import("@hss-kit/mock/limits"));
}

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
export async function startValidationProxy(options: ProxyOptions): Promise<RunningProxy> {
  let url: URL;
  try {
    url = new URL(options.upstream);
  } catch {
    throw new UsageError(`--upstream must be an absolute http:// or https:// URL; got ${JSON.stringify(options.upstream)}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--upstream must be an absolute http:// or https:// URL; got ${JSON.stringify(options.upstream)}.`);
  }
  // Prism is heavy to load (and to install): only the proxy command pays for it, not every contract run.
  const { startMock } = await loadMockModule(() => import("@hss-kit/mock"));
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
