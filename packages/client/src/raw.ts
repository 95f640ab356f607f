// openapi-fetch fills path parameters only when a call passes some, so a plain
// `raw.GET("/v5/{project_id}/asset/users")` would send "{project_id}" literally. This wrapper
// gives every call the client's project_id, which a call may still override.

import type { Client } from "openapi-fetch";
import { documentRateLimit, operations } from "./generated/operations.js";
import type { OperationDescriptor } from "./operation-descriptor.js";
import { operationTarget, type BudgetTarget } from "./rate-limit.js";
import type { HssPaths } from "./types.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type Init = { params?: { path?: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;
type Call = (url: string, init?: Init) => Promise<unknown>;

/** The openapi-fetch client with `project_id` filled in on every call (once IAM gave it, when it had to). */
export function withProjectId(client: Client<HssPaths>, project: () => string | Promise<string>): Client<HssPaths> {
  const withProject = (init: Init, projectId: string): Init => ({
    ...init,
    params: { ...init.params, path: { project_id: projectId, ...init.params?.path } },
  });
  const fill = async (init: Init = {}): Promise<Init> => withProject(init, await project());
  const untyped = client as unknown as Record<(typeof METHODS)[number], Call> & {
    request: (method: string, url: string, init?: Init) => Promise<unknown>;
  };
  const wrapped: Record<string, unknown> = {
    ...client,
    request: async (method: string, url: string, init?: Init) => untyped.request(method, url, await fill(init)),
  };
  for (const method of METHODS) wrapped[method] = async (url: string, init?: Init) => untyped[method](url, await fill(init));
  return wrapped as unknown as Client<HssPaths>;
}

/**
 * Finds which operation of the spec a request through `hss.raw` calls, by its method and its path
 * matched against each operation's path template, so it draws on that operation's budget. A path
 * the spec lacks gets a budget of its own under the document's limit, the gateway's for every API.
 */
export function budgetTargetOf(baseUrl: string): (method: string, url: string) => BudgetTarget {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const templates = Object.entries(operations).map(([id, descriptor]) => ({
    id,
    method: descriptor.method.toUpperCase(),
    pattern: new RegExp(`^${descriptor.path.split(/\{[^}/]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("[^/]+")}$`),
    target: operationTarget(id, descriptor as OperationDescriptor),
  }));
  return (method, url) => {
    const { pathname } = new URL(url);
    const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
    const found = templates.find((template) => template.method === method.toUpperCase() && template.pattern.test(path));
    return found
      ? found.target
      : { operationId: undefined, route: `${method.toUpperCase()} ${pathname}`, limit: documentRateLimit?.perCredential };
  };
}
