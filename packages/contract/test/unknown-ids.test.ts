// An ID that names nothing may be refused: a legal implementation that answers an enterprise
// project it does not know with 403 HSS.0013 (the seeds: insufficient permission on an enterprise
// project) and a server it does not know with 404 passes the whole contract.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatConsole, runContract, type ContractReport } from "../src/index.js";
import { startTarget, type Target } from "./fixtures/target.js";

/** The enterprise projects every account has: the default one, and the value that selects them all. */
const KNOWN_ENTERPRISE_PROJECTS = new Set(["0", "all_granted_eps"]);

/**
 * A front for the stateful mock that refuses IDs naming nothing it has shown: an enterprise
 * project other than the default with 403, a host_id on listPorts that no answer held with 404.
 */
async function startStrictFront(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const hosts = new Set<string>();
  const refuse = (response: import("node:http").ServerResponse, status: number, code: string, message: string) => {
    response.writeHead(status, { "Content-Type": "application/json", "X-Request-Id": "0".repeat(32) });
    response.end(JSON.stringify({ error_code: code, error_msg: message }));
  };
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://front.invalid");
    const project = url.searchParams.get("enterprise_project_id");
    if (project !== null && !KNOWN_ENTERPRISE_PROJECTS.has(project)) return refuse(response, 403, "HSS.0013", "Insufficient permission for this enterprise project.");
    const host = url.searchParams.get("host_id");
    if (url.pathname.endsWith("/asset/ports") && host !== null && !hosts.has(host)) return refuse(response, 404, "HSS.0011", "The server does not exist.");
    const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    const answer = await fetch(`${upstream}${request.url ?? "/"}`, { headers });
    const text = await answer.text();
    try {
      for (const item of (JSON.parse(text) as { data_list?: { host_id?: unknown }[] }).data_list ?? []) if (typeof item.host_id === "string") hosts.add(item.host_id);
    } catch {
      // An error body or a page without items holds no host.
    }
    response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => name !== "content-length" && name !== "transfer-encoding")));
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe("an implementation that refuses IDs naming nothing with a documented 4xx", () => {
  let target: Target;
  let front: Awaited<ReturnType<typeof startStrictFront>>;
  let report: ContractReport;

  beforeAll(async () => {
    target = await startTarget();
    front = await startStrictFront(target.url);
    report = await runContract({ baseUrl: front.url, projectId: target.projectId, token: target.token, taskId: target.taskId, seed: 11, checks: ["inputs"] });
  });
  afterAll(async () => {
    await front.close();
    await target.close();
  });

  it("passes every input check, the bounds of enterprise_project_id and host_id included", () => {
    const failed = report.results.filter((r) => r.status === "fail");
    expect(failed.length === 0 ? "" : formatConsole({ ...report, results: failed })).toBe("");
    const ids = report.results.filter((r) => r.check === "inputs.accepted" && /^(enterprise_project_id|host_id) /.test(r.subject));
    expect(ids.map((r) => r.operation)).toEqual(expect.arrayContaining(["listUsers", "listPorts"]));
  });
});
