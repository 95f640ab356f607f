// Every tool through the SDK's own MCP client over streamable HTTP, against the stateful mock:
// listed with the spec's schemas and hints, called, continued past its caps, failing as HSS fails.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RunningStatefulMock } from "@hss-kit/mock";
import { toolParameters } from "../src/index.js";
import { hssClient, model, overHttp, PROJECT, requiredArguments, resultOf, SECRET_KEY, startMock, withoutIso } from "./helpers.js";

let mock: RunningStatefulMock;
let session: Awaited<ReturnType<typeof overHttp>>;
let client: Client;
beforeAll(async () => {
  mock = await startMock();
  session = await overHttp(mock.url);
  client = session.client;
});
afterAll(async () => {
  await session.close();
  await mock.close();
});

const reads = model.operations.filter((operation) => operation.method === "GET");
type Direct = Record<string, (params: object) => Promise<{ total_num: number; data_list: Record<string, unknown>[] }>> & {
  paginate: Record<string, { all(params: object): Promise<Record<string, unknown>[]> }>;
};
const direct = () => hssClient(mock.url) as unknown as Direct;

describe("tools/list", () => {
  it("has one read-only, idempotent tool per read operation, with the spec's parameters and descriptions", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(reads.map((operation) => operation.id));
    for (const operation of reads) {
      const tool = tools.find((candidate) => candidate.name === operation.id)!;
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, destructiveHint: false });
      expect(tool.description).toContain(operation.description.trim());
      const parameters = toolParameters(operation);
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(parameters.map((parameter) => parameter.name));
      expect(tool.inputSchema.required ?? []).toEqual(parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name));
      for (const parameter of parameters) {
        const schema = tool.inputSchema.properties![parameter.name] as Record<string, unknown>;
        expect(schema.description).toContain(parameter.description);
        expect(schema.type).toBe(parameter.rules.type);
        if (parameter.rules.enum) expect(schema.enum).toEqual(parameter.rules.enum);
      }
    }
  });
});

describe.each(reads.map((operation) => [operation.id, operation] as const))("tools/call %s", (name, operation) => {
  const timeFields = operation.fields.filter((field) => field.unit === "epoch-milliseconds").map((field) => field.name);

  it("answers what the client gets, each time field with its ISO copy beside it", async () => {
    const args = requiredArguments(operation, mock);
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError).toBeFalsy();
    const page = resultOf(result) as { total_num: number; data_list: Record<string, unknown>[] };
    const expected = await direct()[name]!({ ...args, offset: 0, limit: page.data_list.length });
    expect(page.total_num).toBe(expected.total_num);
    expect(page.data_list.map(withoutIso)).toEqual(expected.data_list);
    for (const record of page.data_list) {
      for (const field of timeFields) {
        if (typeof record[field] === "number") expect(record[`${field}_iso`]).toBe(new Date(record[field] as number).toISOString());
      }
    }
  });

  it.runIf(operation.paginated)("continues past its caps with next_offset until every record is in", async () => {
    const capped = await overHttp(mock.url, { maxRows: 7, maxBytes: 2_000 });
    try {
      const args = requiredArguments(operation, mock);
      const all = await direct().paginate[name]!.all(args);
      const seen: Record<string, unknown>[] = [];
      let offset: number | undefined = 0;
      for (let calls = 0; offset !== undefined; calls++) {
        expect(calls).toBeLessThan(all.length + 2);
        const page = resultOf(await capped.client.callTool({ name, arguments: { ...args, offset } })) as { data_list: Record<string, unknown>[]; next_offset?: number };
        expect(page.data_list.length).toBeLessThanOrEqual(7);
        expect(Buffer.byteLength(JSON.stringify(page.data_list))).toBeLessThanOrEqual(2_000 + page.data_list.length);
        seen.push(...page.data_list.map(withoutIso));
        offset = page.next_offset;
      }
      expect(seen).toEqual(all);
    } finally {
      await capped.close();
    }
  });
});

describe("tool errors", () => {
  it("an HSS error keeps its status, error code and request id", async () => {
    const operation = reads.find((candidate) => candidate.parameters.some((parameter) => parameter.in === "path" && mock.knownValues[parameter.name]))!;
    const path = operation.parameters.find((parameter) => parameter.in === "path" && mock.knownValues[parameter.name])!;
    const result = await client.callTool({ name: operation.id, arguments: { ...requiredArguments(operation, mock), [path.name]: "no-such-id" } });
    expect(result.isError).toBe(true);
    const error = resultOf(result);
    expect(error).toMatchObject({ error: "HssNotFoundError", status: 404 });
    expect(error.error_code).toEqual(expect.any(String));
    expect(error.request_id).toEqual(expect.any(String));
  });

  it("wrong credentials: 401 as a tool error, and the secret is nowhere in it", async () => {
    const wrong = await overHttp(mock.url, {}, { credentials: { accessKey: "AKMCPTEST", secretKey: `${SECRET_KEY}-wrong` } });
    try {
      const operation = reads[0]!;
      const result = await wrong.client.callTool({ name: operation.id, arguments: requiredArguments(operation, mock) });
      expect(result.isError).toBe(true);
      expect(resultOf(result)).toMatchObject({ error: "HssAuthenticationError", status: 401 });
      expect(JSON.stringify(result)).not.toContain(SECRET_KEY);
    } finally {
      await wrong.close();
    }
  });

  it("a value the spec does not allow names the parameter, and nothing is sent", async () => {
    const operation = reads.find((candidate) => toolParameters(candidate).some((parameter) => parameter.rules.enum))!;
    const parameter = toolParameters(operation).find((candidate) => candidate.rules.enum)!;
    const result = await client.callTool({ name: operation.id, arguments: { ...requiredArguments(operation, mock), [parameter.name]: "no-such-value" } });
    expect(result.isError).toBe(true);
    expect(resultOf(result)).toMatchObject({ error: "HssValidationError", parameter: parameter.name });
  });

  it("an argument that is not a parameter, and a tool that does not exist", async () => {
    const operation = reads[0]!;
    const unknown = await client.callTool({ name: operation.id, arguments: { ...requiredArguments(operation, mock), project_id: "another" } });
    expect(unknown.isError).toBe(true);
    expect(resultOf(unknown)).toMatchObject({ error: "HssValidationError", parameter: "project_id" });
    const missing = await client.callTool({ name: "deleteEverything", arguments: {} });
    expect(missing.isError).toBe(true);
    expect(resultOf(missing).error).toBe("UnknownTool");
  });

  it("another project's data is refused (the server's project is its own)", async () => {
    const other = await overHttp(mock.url, {}, { projectId: `${PROJECT}-other` });
    try {
      const operation = reads[0]!;
      const result = await other.client.callTool({ name: operation.id, arguments: requiredArguments(operation, mock) });
      expect(resultOf(result)).toMatchObject({ status: 403 });
    } finally {
      await other.close();
    }
  });
});
