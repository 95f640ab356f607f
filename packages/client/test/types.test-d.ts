// Type-level tests (vitest --typecheck): wrong names, wrong types and missing required
// parameters must not compile, and results must have the spec's types.
import { describe, expectTypeOf, it } from "vitest";
import {
  createHssClient,
  type HssCredentials,
  type OperationId,
  type OperationItem,
  type OperationMethods,
  type OperationResult,
  type Page,
  type WithResponse,
  type components,
  type LocalImageHost,
  type Port,
  type ProcessesHost,
  type User,
  type VulScanTaskHost,
} from "../src/index.js";

const hss = createHssClient({ region: "cn-north-4", projectId: "p", credentials: { token: "t" } });

describe("operation parameters", () => {
  it("accept the spec's parameters, flat", () => {
    void hss.listPorts({ host_id: "h", limit: 50, type: "TCP", status: "danger", port: 22 });
    void hss.listVulScanTaskHost({ task_id: "t", scan_status: "failed" });
    void hss.listLocalImageHosts({ image_name: "nginx", region: "cn-north-4" });
    void hss.listLocalImageHosts();
    void hss.listUsers();
    void hss.listUsers({ login_permission: true, part_match: false });
    void hss.listProcessesHost({ path: "/bin/sh" }, { timeout: 1000, maxRetries: 0, signal: AbortSignal.timeout(1) });
  });

  it("give withResponse() the method's parameters and the body with its response", () => {
    expectTypeOf(hss.listPorts.withResponse({ host_id: "h" })).resolves.toEqualTypeOf<WithResponse<OperationResult<"listPorts">>>();
    void hss.listUsers.withResponse();
    // @ts-expect-error host_id is required by listPorts, with or without the response
    void hss.listPorts.withResponse({ limit: 50 });
  });

  it("refuse a missing required parameter", () => {
    // @ts-expect-error host_id is required by listPorts
    void hss.listPorts({ limit: 50 });
    // @ts-expect-error listPorts takes a parameter object with host_id
    void hss.listPorts();
    // @ts-expect-error task_id is required by listVulScanTaskHost
    void hss.listVulScanTaskHost({ scan_status: "failed" });
  });

  it("refuse a wrong parameter name", () => {
    // @ts-expect-error hostId is not a parameter (host_id is)
    void hss.listPorts({ host_id: "h", hostId: "h" });
    // @ts-expect-error project_id is filled in by the client
    void hss.listUsers({ project_id: "p" });
  });

  it("refuse a wrong parameter type or enum value", () => {
    // @ts-expect-error limit is a number
    void hss.listPorts({ host_id: "h", limit: "50" });
    // @ts-expect-error type is "TCP" or "UDP"
    void hss.listPorts({ host_id: "h", type: "ICMP" });
    // @ts-expect-error scan_status is scanning, success or failed
    void hss.listVulScanTaskHost({ task_id: "t", scan_status: "done" });
    // @ts-expect-error login_permission is a boolean
    void hss.listUsers({ login_permission: "yes" });
  });

  it("refuse mixing token and access key credentials", () => {
    // @ts-expect-error either a token or an access key pair
    const mixed: HssCredentials = { token: "t", accessKey: "ak", secretKey: "sk" };
    void mixed;
    // @ts-expect-error an access key needs its secret key
    const half: HssCredentials = { accessKey: "ak" };
    void half;
  });
});

describe("methods", () => {
  it("exist for every operation, and only those", () => {
    expectTypeOf<keyof OperationMethods>().toEqualTypeOf<OperationId>();
    // @ts-expect-error no such operation
    void hss.listVulnerabilities;
  });
});

describe("results", () => {
  it("are the typed 200 bodies", () => {
    expectTypeOf(hss.listPorts).returns.resolves.toEqualTypeOf<components["schemas"]["ListPortsResponse"]>();
    expectTypeOf(hss.listPorts({ host_id: "h" })).resolves.toHaveProperty("total_num").toEqualTypeOf<number>();
    expectTypeOf<OperationItem<"listPorts">>().toEqualTypeOf<components["schemas"]["PortResponseInfo"]>();
    expectTypeOf<OperationResult<"listVulScanTaskHost">["data_list"][number]["host_id"]>().toEqualTypeOf<
      string | undefined
    >();
  });

  it("name each operation's items with a short name: what a script declares its variables as", async () => {
    const ports: Port[] = [];
    for await (const port of hss.paginate.listPorts({ host_id: "h" })) ports.push(port);
    expectTypeOf<Port>().toEqualTypeOf<components["schemas"]["PortResponseInfo"]>();
    expectTypeOf<Port["port"]>().toEqualTypeOf<number | undefined>();
    const users: User[] = (await hss.listUsers()).data_list;
    expectTypeOf(users[0]!.user_name).toEqualTypeOf<string | undefined>();
    const hosts: VulScanTaskHost[] = await hss.paginate.listVulScanTaskHost.all({ task_id: "t" });
    const images: LocalImageHost[] = (await hss.listLocalImageHosts()).data_list;
    const processes: ProcessesHost[] = (await hss.listProcessesHost()).data_list;
    void [hosts, images, processes];
    // @ts-expect-error a port has no user_name: each name is its own operation's item
    void ports[0]!.user_name;
  });

  it("paginate yields items and .all an array of them", () => {
    expectTypeOf(hss.paginate.listPorts({ host_id: "h" })).toEqualTypeOf<AsyncGenerator<OperationItem<"listPorts">, void, undefined>>();
    expectTypeOf(hss.paginate.listUsers.all()).resolves.toEqualTypeOf<OperationItem<"listUsers">[]>();
    expectTypeOf(hss.paginate.listUsers.pages()).toEqualTypeOf<AsyncGenerator<Page<OperationItem<"listUsers">>, void, undefined>>();
    // @ts-expect-error the walk sets limit itself
    void hss.paginate.listPorts({ host_id: "h", limit: 50 });
    // @ts-expect-error host_id is still required
    void hss.paginate.listPorts({});
    // @ts-expect-error pageSize is a number
    void hss.paginate.listUsers({}, { pageSize: "10" });
  });

  it("raw gives openapi-fetch's { data, error, response }", () => {
    const result = hss.raw.GET("/v5/{project_id}/asset/users", { params: { query: { limit: 10 } } });
    expectTypeOf(result).resolves.toHaveProperty("response").toEqualTypeOf<Response>();
  });
});
