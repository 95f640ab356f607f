// The stateful mock: seeded records, filtered and paged by the spec's semantics, errors with the
// spec's bodies. Expected values come from the spec model and from the mock's own unfiltered answers.
import { execFile } from "node:child_process";
import { request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { documentedResponse, loadModel, operationById, type OperationModel } from "@hss-kit/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStatefulMock, type RunningStatefulMock } from "../src/stateful/index.js";

const model = loadModel();
const TOKEN = "stateful-token";
const PROJECT = "project-1";
type Page = { total_num: number; data_list: Record<string, unknown>[] };

let mock: RunningStatefulMock;
beforeAll(async () => {
  mock = await startStatefulMock({ token: TOKEN, projectId: PROJECT });
});
afterAll(() => mock.close());

/** The path of an operation with its path parameters filled in with values that have records. */
function pathOf(operation: OperationModel, project = PROJECT): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === "project_id" ? project : mock.knownValues[name]![0]!));
}

/** The query and headers every call of an operation needs: its required query and header parameters. */
function baseOf(operation: OperationModel, page: Page | undefined): { query: Record<string, string>; headers: Record<string, string> } {
  const query: Record<string, string> = {};
  const headers: Record<string, string> = { "X-Auth-Token": TOKEN };
  for (const parameter of operation.parameters.filter((p) => p.required && p.in !== "path")) {
    const value = String(parameter.example ?? page?.data_list[0]?.[parameter.filter?.field ?? ""] ?? "host-1");
    (parameter.in === "query" ? query : headers)[parameter.name] = value;
  }
  return { query, headers };
}

async function get(operation: OperationModel, query: Record<string, string> | URLSearchParams = {}, headers?: Record<string, string>) {
  const base = baseOf(operation, undefined);
  const search = new URLSearchParams(base.query);
  for (const [name, value] of query instanceof URLSearchParams ? query : Object.entries(query)) search.append(name, value);
  const url = `${mock.url}${pathOf(operation)}?${search}`;
  const response = await fetch(url, { headers: headers ?? base.headers });
  return { response, body: (await response.json()) as Page & Record<string, unknown> };
}

/** A page that holds every record: the largest limit, or a limit far above the data set where the spec sets none. */
const largestPage = (operation: OperationModel): Record<string, string> => {
  const limit = operation.parameters.find((p) => p.paging === "limit");
  return limit ? { [limit.name]: String(limit.rules.maximum ?? 10_000) } : {};
};

describe("the stateful mock's data", () => {
  it("is the same for the same seed and differs for another", async () => {
    const again = await startStatefulMock({ token: TOKEN, projectId: PROJECT });
    const other = await startStatefulMock({ token: TOKEN, projectId: PROJECT, seed: 2 });
    try {
      const operation = operationById(model, "listUsers");
      const path = `${pathOf(operation)}?limit=50`;
      const read = async (url: string) => (await fetch(url + path, { headers: { "X-Auth-Token": TOKEN } })).json();
      expect(await read(again.url)).toEqual(await read(mock.url));
      expect(await read(other.url)).not.toEqual(await read(mock.url));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it.each(model.operations.map((o) => [o.id, o] as const))("holds items of %s that the spec's schema allows, times in epoch milliseconds", async (_id, operation) => {
    const { response, body } = await get(operation, largestPage(operation));
    expect(response.status).toBe(200);
    expect(body.data_list.length).toBeGreaterThan(0);
    for (const field of operation.fields.filter((f) => f.unit === "epoch-milliseconds")) {
      for (const item of body.data_list) expect(new Date(item[field.name] as number).getUTCFullYear()).toBeGreaterThanOrEqual(2020);
    }
  });
});

describe("filters, as the spec's x-hss-filter says", () => {
  const visible = model.operations.flatMap((operation) =>
    operation.parameters.filter((p) => p.filter?.field !== undefined && !p.required).map((parameter) => [`${operation.id}.${parameter.name}`, operation, parameter] as const),
  );

  it.each(visible)("%s selects the records whose field holds the value, and only those", async (_name, operation, parameter) => {
    const field = parameter.filter!.field!;
    const all = (await get(operation, largestPage(operation))).body;
    const held = all.data_list.map((item) => item[field]).find((v) => v !== undefined && !parameter.filter!.matchAll.includes(String(v)));
    // A value an item holds as an alias (the legacy "unknow") is asked for by the value it stands for.
    const value = Object.entries(parameter.filter!.aliases).find(([, also]) => also.includes(String(held)))?.[0] ?? held;
    const expected = all.data_list.filter((item) => item[field] === value || parameter.filter!.aliases[String(value)]?.includes(String(item[field])));
    const filtered = (await get(operation, { ...largestPage(operation), [parameter.name]: String(value) })).body;
    expect(filtered.data_list).toEqual(expected);
    expect(filtered.total_num).toBe(expected.length);
    expect(filtered.total_num).toBeLessThan(all.total_num);
  });

  it("matches part of a value when part_match is true, and only all of it otherwise", async () => {
    const users = operationById(model, "listUsers");
    const name = String((await get(users, { limit: "200" })).body.data_list[0]!.user_name);
    const part = name.slice(0, -1);
    expect((await get(users, { limit: "200", user_name: part })).body.total_num).toBe(0);
    const partial = (await get(users, { limit: "200", user_name: part, part_match: "true" })).body;
    expect(partial.total_num).toBeGreaterThan(0);
    for (const item of partial.data_list) expect(String(item.user_name)).toContain(part);
  });

  it("lets a port filtered by status unknown come back with the legacy spelling unknow", async () => {
    const ports = operationById(model, "listPorts");
    const statuses = new Set((await get(ports, { limit: "200", status: "unknown" })).body.data_list.map((item) => item.status));
    expect(statuses).toEqual(new Set(["unknown", "unknow"]));
  });

  it.each(model.operations.map((operation) => [operation.id, operation] as const))("%s: every filter left out selects what its spec default does", async (_id, operation) => {
    const omitted = (await get(operation, { limit: "200" })).body;
    const defaults = operation.parameters.filter((p) => p.filter && !p.required && p.rules.default !== undefined);
    expect(defaults.length).toBeGreaterThan(0);
    for (const parameter of defaults) {
      expect((await get(operation, { limit: "200", [parameter.name]: String(parameter.rules.default) })).body, parameter.name).toEqual(omitted);
    }
  });

  it("applies a filter's default when it is left out, and selects everything for a match-all value", async () => {
    const processes = operationById(model, "listProcessesHost");
    const category = processes.parameters.find((p) => p.name === "category")!;
    const omitted = (await get(processes, { limit: "200" })).body;
    expect(omitted).toEqual((await get(processes, { limit: "200", category: String(category.rules.default) })).body);
    const other = category.rules.enum!.find((value) => value !== category.rules.default)!;
    expect((await get(processes, { limit: "200", category: String(other) })).body.total_num).toBeGreaterThan(0);
    const ep = processes.parameters.find((p) => p.filter?.matchAll.length)!;
    const everyProject = (await get(processes, { limit: "200", [ep.name]: ep.filter!.matchAll[0]! })).body;
    expect(everyProject.total_num).toBeGreaterThanOrEqual(omitted.total_num);
  });
});

describe("errors, with the spec's error bodies and X-Request-Id", () => {
  const users = operationById(model, "listUsers");
  const codeFor = (status: number) => (documentedResponse(users, status)?.example as { error_code: string }).error_code;

  it.each([
    ["an out-of-range limit", { limit: "5" }, undefined, 400, /limit must be at least 10; got "5"/],
    ["a non-boolean", { part_match: "yes" }, undefined, 400, /part_match must be true or false; got "yes"/],
    ["a repeated parameter", new URLSearchParams("limit=10&limit=20"), undefined, 400, /limit is given 2 times/],
    ["no token", {}, {}, 401, /carries no X-Auth-Token and no Authorization header/],
    ["a wrong token", {}, { "X-Auth-Token": "other" }, 401, /token is missing, expired or invalid/],
  ] as const)("refuses %s", async (_what, query, headers, status, message) => {
    const { response, body } = await get(users, new URLSearchParams(query as Record<string, string>), headers as Record<string, string> | undefined);
    expect(response.status).toBe(status);
    expect(body.error_code).toBe(codeFor(status));
    expect(body.error_msg).toMatch(message);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses another project with 403 and an unknown scan task with 404", async () => {
    const other = await fetch(`${mock.url}${pathOf(users, "project-2")}`, { headers: { "X-Auth-Token": TOKEN } });
    expect(other.status).toBe(403);
    const tasks = model.operations.find((o) => o.path.includes("{task_id}"))!;
    const unknown = await fetch(`${mock.url}${pathOf(tasks).replace(mock.knownValues.task_id![0]!, "no-such-task")}`, { headers: { "X-Auth-Token": TOKEN } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error_msg: string }).error_msg).toBe('No task_id "no-such-task" exists.');
  });

  it("answers an unknown path with 404 and a gateway request_id equal to X-Request-Id", async () => {
    const response = await fetch(`${mock.url}/v5/${PROJECT}/nothing-here`, { headers: { "X-Auth-Token": TOKEN } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { request_id: string };
    expect(body.request_id).toBe(response.headers.get("x-request-id"));
  });

  it("answers a malformed escape and malformed HTTP with 400, and keeps serving", async () => {
    const malformed = await fetch(`${mock.url}/v5/%zz/asset/users`, { headers: { "X-Auth-Token": TOKEN } });
    expect(malformed.status).toBe(400);
    const raw = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${mock.url}/`, { method: "GET", headers: { "X-Bad": "a\u0001b" } });
      request.on("response", (response) => resolve(response.statusCode ?? 0)).on("error", reject).end();
    }).catch(() => 400);
    expect(raw).toBeGreaterThanOrEqual(400);
    expect((await get(users)).response.status).toBe(200);
  });
});

describe("hss-mock --stateful", () => {
  const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
  const run = (args: string[]) => promisify(execFile)(process.execPath, [cli, ...args]).then(
    () => ({ code: 0, stderr: "" }),
    (error: { code: number; stderr: string }) => error,
  );

  it.each([
    [["--fault", "filters.ignored"], "--fault needs --stateful."],
    [["--stateful", "--fault", "bogus"], '--fault must be one of robustness.hang, '],
    [["--stateful", "--seed", "x1"], '--seed must be an integer from 0 to 4294967295; got "x1".'],
    [["--stateful", "--token", ""], "--token must not be empty."],
  ])("refuses %j", async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe("the faults", () => {
  it("each override only seams of the fault-free behaviour, and at least one", async () => {
    const { faultFree } = await import("../src/stateful/behaviour.js");
    const { FAULTS } = await import("../src/stateful/faults.js");
    const env = { model, credentials: { token: TOKEN } };
    const base = faultFree(env);
    for (const [name, fault] of Object.entries(FAULTS)) {
      const seams = Object.keys(fault.overrides(base, env));
      expect(seams.length, name).toBeGreaterThan(0);
      expect(seams.filter((seam) => !Object.hasOwn(base, seam)), name).toEqual([]);
    }
  });
});

describe("two projects, each with its own token", () => {
  it("serves each token its own project's records, and refuses it the other project with 403", async () => {
    const other = await startStatefulMock({ token: TOKEN, projectId: PROJECT, otherProject: { projectId: "project-2", token: "other-token" } });
    try {
      const users = operationById(model, "listUsers");
      const read = (project: string, token: string) => fetch(`${other.url}${users.path.replace("{project_id}", project)}?limit=10`, { headers: { "X-Auth-Token": token } });
      const mine = await read(PROJECT, TOKEN);
      const theirs = await read("project-2", "other-token");
      expect([mine.status, theirs.status]).toEqual([200, 200]);
      expect(await theirs.json()).not.toEqual(await mine.json());
      expect((await read(PROJECT, "other-token")).status).toBe(403);
      expect((await read("project-2", TOKEN)).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});
