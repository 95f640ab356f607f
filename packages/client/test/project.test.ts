// The project ID found through IAM when none is given, as the official SDKs find it: one signed
// GET /v3/projects?name={region}, remembered, retried after a failure.
import { afterEach, describe, expect, it, vi } from "vitest";
import { HssConfigurationError, HssNotFoundError, createHssClient, type HssClientOptions } from "../src/index.js";
import { fakeFetch, json, type Responder } from "./helpers/fake-fetch.js";

const KEYS = { accessKey: "AK-IAM", secretKey: "iam-secret-key" };
const PAGE = { total_num: 0, data_list: [] };

function build(respond: Responder, options: HssClientOptions = {}) {
  for (const name of ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_PROJECT_ID"]) vi.stubEnv(name, undefined);
  const fake = fakeFetch(respond);
  const hss = createHssClient({ region: "cn-north-4", credentials: KEYS, maxRetries: 0, fetch: fake.fetch, ...options });
  return { hss, requests: fake.requests };
}

/** IAM answering the project list, HSS answering a page. */
const iamThenHss: Responder = (request) =>
  new URL(request.url).pathname.endsWith("/v3/projects") ? json(200, { projects: [{ id: "0123iamproject", name: "cn-north-4" }] }) : json(200, PAGE);

afterEach(() => vi.unstubAllEnvs());

describe("the project ID through IAM", () => {
  it("is asked once, signed without a project, and then addresses every call", async () => {
    const { hss, requests } = build(iamThenHss);
    await hss.listUsers();
    await hss.listPorts({ host_id: "h" });
    const [iam, first, second] = requests;
    expect(requests).toHaveLength(3);
    expect(iam!.url).toBe("https://iam.cn-north-4.myhuaweicloud.com/v3/projects?name=cn-north-4");
    expect(iam!.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=AK-IAM, SignedHeaders=host;x-sdk-date, /);
    expect(iam!.headers.get("X-Project-Id")).toBeNull();
    expect(new URL(first!.url).pathname).toBe("/v5/0123iamproject/asset/users");
    expect(first!.headers.get("X-Project-Id")).toBe("0123iamproject");
    expect(new URL(second!.url).pathname).toBe("/v5/0123iamproject/asset/ports");
  });

  it("is asked at the iamEndpoint given, for private clouds and tests", async () => {
    const { hss, requests } = build(iamThenHss, { iamEndpoint: "http://127.0.0.1:9/iam" });
    await hss.listUsers();
    expect(requests[0]!.url).toBe("http://127.0.0.1:9/iam/v3/projects?name=cn-north-4");
  });

  it("fills project_id in raw calls too", async () => {
    const { hss, requests } = build(iamThenHss);
    await hss.raw.GET("/v5/{project_id}/asset/users");
    expect(new URL(requests[1]!.url).pathname).toBe("/v5/0123iamproject/asset/users");
  });

  it("says so when IAM lists no project, and asks again on the next call", async () => {
    let listed: unknown[] = [];
    const { hss, requests } = build((request) => (new URL(request.url).pathname === "/v3/projects" ? json(200, { projects: listed }) : json(200, PAGE)));
    await expect(hss.listUsers()).rejects.toThrow(
      new HssConfigurationError(
        "No project: IAM (https://iam.cn-north-4.myhuaweicloud.com) lists no project named cn-north-4 for these credentials; pass projectId or set HUAWEICLOUD_SDK_PROJECT_ID.",
      ),
    );
    listed = [{ id: "later-project" }];
    await hss.listUsers();
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(["/v3/projects", "/v3/projects", "/v5/later-project/asset/users"]);
  });

  it("raises IAM's own error as an HssApiError, reading its nested body", async () => {
    const { hss } = build(() => json(404, { error: { code: "IAM.0011", message: "Request not found." } }));
    const error = await hss.listUsers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HssNotFoundError);
    expect(error).toMatchObject({ errorCode: "IAM.0011", operationId: "IAM listProjects" });
  });

  it("refuses a project ID that would send calls to another path", async () => {
    const { hss } = build((request) => (new URL(request.url).pathname === "/v3/projects" ? json(200, { projects: [{ id: ".." }] }) : json(200, PAGE)));
    await expect(hss.listUsers()).rejects.toThrow(HssConfigurationError);
  });

  it("is not asked with a token, which cannot sign: the client needs a project then", () => {
    expect(() => build(iamThenHss, { credentials: { token: "t" } })).toThrow(/^No project: pass projectId/);
  });
});
