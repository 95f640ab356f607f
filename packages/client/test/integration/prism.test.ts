// The client from source against the Prism mock of the spec: every operation, both auth modes,
// pagination, and the spec's documented errors.
import { startMock, type RunningMock } from "@hss-kit/mock";
import { loadModel } from "@hss-kit/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HssInvalidRequestError, createHssClient, type HssCredentials } from "../../src/index.js";

const model = loadModel();
const example = (path: string): any => model.operations.find((o) => o.path === path)!.responses.find((r) => r.status === "200")!.example;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const CREDENTIALS: Array<[string, HssCredentials]> = [
  ["an IAM token", { token: "prism-token" }],
  ["an access key", { accessKey: "PRISMAK", secretKey: "prism-secret-key" }],
];

describe.each(CREDENTIALS)("with %s", (_name, credentials) => {
  const hss = () => createHssClient({ baseUrl: mock.url, region: "cn-north-4", projectId: "proj", credentials });

  it("each operation resolves to the spec's example", async () => {
    const client = hss();
    expect(await client.listProcessesHost({ path: "/usr/bin/bash" })).toEqual(example("/v5/{project_id}/asset/processes/detail"));
    expect(await client.listUsers({ user_name: "daemon" })).toEqual(example("/v5/{project_id}/asset/users"));
    expect(await client.listPorts({ host_id: "dd91cd32-a238-4c0e-bc01-3b11653714ac", limit: 10 })).toEqual(
      example("/v5/{project_id}/asset/ports"),
    );
    expect(await client.listVulScanTaskHost({ task_id: "task-1", scan_status: "failed" })).toEqual(
      example("/v5/{project_id}/vulnerability/scan-task/{task_id}/hosts"),
    );
    expect(await client.listLocalImageHosts({ image_name: "nginx" })).toEqual(example("/v5/{project_id}/image/local/hosts"));
  });

  it("paginates", async () => {
    const ports = await hss().paginate.listPorts.all({ host_id: "h1" });
    expect(ports).toEqual(example("/v5/{project_id}/asset/ports").data_list);
  });
});

describe("documented errors", () => {
  it("an out-of-range limit sent with validate: false gets the spec's 400, as HssInvalidRequestError", async () => {
    const hss = createHssClient({ baseUrl: mock.url, projectId: "proj", credentials: { token: "t" }, validate: false });
    const error = await hss.listPorts({ host_id: "h1", limit: 5000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssInvalidRequestError);
    expect(error).toMatchObject({ status: 400, errorCode: "HSS.0001", operationId: "listPorts" });
  });

  it("the same call with validation on never reaches the server", async () => {
    const hss = createHssClient({ baseUrl: mock.url, projectId: "proj", credentials: { token: "t" } });
    await expect(hss.listPorts({ host_id: "h1", limit: 5000 })).rejects.toThrow(
      "listPorts: limit must be an integer from 10 to 200; got 5000.",
    );
  });
});
