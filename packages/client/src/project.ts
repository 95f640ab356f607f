// Finds the project ID through IAM when none is given, as the official SDKs do: one signed
// `GET {iam}/v3/projects?name={region}`, its first project's id, remembered for the client's life
// (a failed lookup is tried again on the next call).

import { openCallScope } from "./abort.js";
import { HssConfigurationError, HssResponseError, HssTimeoutError, type HssRequestContext } from "./errors.js";
import { checkedPathSegment } from "./credentials.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse, parseErrorBody } from "./response-error.js";
import type { Transport } from "./transport.js";

/** The IAM endpoint of a region's HSS endpoint: the same domain with `iam` for `hss`. */
export function iamEndpointOf(hssEndpoint: string): string | undefined {
  const url = new URL(hssEndpoint);
  if (!url.hostname.startsWith("hss.")) return undefined;
  return `${url.protocol}//iam.${url.hostname.slice(4)}${url.port ? `:${url.port}` : ""}`;
}

/** What a lookup needs. */
export interface ProjectLookupConfig {
  /** Sends the request; its authorizer signs without a project. */
  transport: Transport;
  iamEndpoint: string;
  region: string;
  redactor: Redactor;
  timeoutMs: number;
  maxRetries: number;
}

/** The lookup, as a function that resolves to the project ID. */
export function createProjectLookup(config: ProjectLookupConfig): () => Promise<string> {
  let found: Promise<string> | undefined;
  const lookup = async (): Promise<string> => {
    const url = `${config.iamEndpoint.replace(/\/+$/, "")}/v3/projects?name=${encodeURIComponent(config.region)}`;
    const context: HssRequestContext = { operationId: "IAM listProjects", method: "GET", url: config.redactor.url(url) };
    const scope = openCallScope(config.timeoutMs, undefined, () => new HssTimeoutError(context, config.timeoutMs));
    try {
      const received = await config.transport.send({ method: "GET", url, headers: {} }, { scope, operationId: context.operationId, maxRetries: config.maxRetries, timeoutMs: config.timeoutMs });
      if (received.status !== 200) {
        throw errorFromResponse(received, parseErrorBody(received), { operationId: context.operationId!, method: "GET", url }, config.redactor);
      }
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(received.body));
      } catch {
        throw new HssResponseError({ ...context, status: 200 }, "its body is not JSON in UTF-8");
      }
      const id = (body as { projects?: Array<{ id?: unknown }> } | null)?.projects?.[0]?.id;
      if (typeof id !== "string" || id === "") {
        throw new HssConfigurationError(
          `No project: IAM (${config.iamEndpoint}) lists no project named ${config.region} for these credentials; pass projectId or set HUAWEICLOUD_SDK_PROJECT_ID.`,
        );
      }
      return checkedPathSegment("the project ID IAM gave", config.redactor.text(id));
    } finally {
      scope.dispose();
    }
  };
  return () => {
    found ??= lookup().catch((error: unknown) => {
      found = undefined;
      throw error;
    });
    return found;
  };
}
