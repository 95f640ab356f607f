// Finds the project ID through IAM when none is given, as the official SDKs do: one signed
// `GET {iam}/v3/projects?name={region}`, its first project's id, remembered for the client's life
// (a failed lookup is tried again on the next call).

import { HssConfigurationError, HssResponseError, type HssRequestContext } from "./errors.js";
import { checkedPathSegment } from "./credentials.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse, parseErrorBody } from "./response-error.js";
import type { Send, SendSettings } from "./send.js";

/** The IAM endpoint of a region's HSS endpoint: the same domain with `iam` for `hss`. */
export function iamEndpointOf(hssEndpoint: string): string | undefined {
  const url = new URL(hssEndpoint);
  if (!url.hostname.startsWith("hss.")) return undefined;
  return `${url.protocol}//iam.${url.hostname.slice(4)}${url.port ? `:${url.port}` : ""}`;
}

/** What a lookup needs. */
export interface ProjectLookupConfig {
  /** Sends the request (signed without a project). */
  send: Send;
  iamEndpoint: string;
  region: string;
  redactor: Redactor;
}

/** The lookup, as a function that resolves to the project ID. */
export function createProjectLookup(config: ProjectLookupConfig): () => Promise<string> {
  let found: Promise<string> | undefined;
  const lookup = async (): Promise<string> => {
    const url = `${config.iamEndpoint.replace(/\/+$/, "")}/v3/projects?name=${encodeURIComponent(config.region)}`;
    const settings: SendSettings = { operationId: "IAM listProjects", withoutProject: true, attempts: 0 };
    const response = await config.send(new Request(url), settings);
    const received = { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) };
    const context: HssRequestContext = { operationId: settings.operationId, method: "GET", url: config.redactor.url(url), attempts: settings.attempts };
    if (received.status !== 200) {
      throw errorFromResponse(received, parseErrorBody(received), { operationId: settings.operationId!, method: "GET", url, attempts: settings.attempts }, config.redactor);
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
  };
  return () => {
    found ??= lookup().catch((error: unknown) => {
      found = undefined;
      throw error;
    });
    return found;
  };
}
