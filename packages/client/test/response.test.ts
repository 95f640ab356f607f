// The response behind a call: withResponse() on every method, and the headers and body an
// HssApiError carries, credentials redacted in both.
import { describe, expect, it } from "vitest";
import { HssApiError, HssInvalidRequestError, createHssClient, operations, REDACTED } from "../src/index.js";
import { fakeFetch, json, type Responder } from "./helpers/fake-fetch.js";

const TOKEN = "iam-token-value-123";
const PAGE = { total_num: 1, data_list: [{ port: 22 }] };

function client(respond: Responder) {
  const fake = fakeFetch(respond);
  const hss = createHssClient({ region: "cn-north-4", projectId: "proj-1", credentials: { token: TOKEN }, maxRetries: 0, fetch: fake.fetch });
  return { hss, requests: fake.requests };
}

describe("withResponse()", () => {
  it("is on every operation method", () => {
    const { hss } = client(() => json(200, PAGE));
    for (const id of Object.keys(operations) as (keyof typeof operations)[]) expect(typeof hss[id].withResponse).toBe("function");
  });

  it("resolves to the same body with the response's status, headers and request id, in one request", async () => {
    const { hss, requests } = client(() => json(200, PAGE, { "X-Request-Id": "req-1", "X-Rate-Remaining": "7" }));
    const { data, response } = await hss.listPorts.withResponse({ host_id: "h1" });
    expect(data).toEqual(await hss.listPorts({ host_id: "h1" }));
    expect(requests).toHaveLength(2);
    expect(response.status).toBe(200);
    expect(response.requestId).toBe("req-1");
    expect(response.headers["x-rate-remaining"]).toBe("7");
    expect(response.headers["content-type"]).toBe("application/json");
  });

  it("redacts a credential that a gateway echoes in a header", async () => {
    const { hss } = client(() => json(200, PAGE, { "X-Echo": `token=${TOKEN}` }));
    const { response } = await hss.listPorts.withResponse({ host_id: "h1" });
    expect(response.headers["x-echo"]).toBe(`token=${REDACTED}`);
  });

  it("validates and raises as the plain call does", async () => {
    const { hss, requests } = client(() => json(200, PAGE));
    await expect(hss.listPorts.withResponse({ host_id: "h1", limit: 5 })).rejects.toThrow("limit must be an integer from 10 to 200");
    expect(requests).toHaveLength(0);
  });
});

describe("HssApiError", () => {
  it("carries the response headers and the parsed error body", async () => {
    const body = { error_code: "HSS.0001", error_msg: "Invalid request parameter.", detail: { field: "limit" } };
    const { hss } = client(() => json(400, body, { "X-Request-Id": "req-2", "X-Extra": "yes" }));
    const error = await hss.listPorts({ host_id: "h1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HssInvalidRequestError);
    const api = error as HssApiError;
    expect(api.body).toEqual(body);
    expect(api.headers["x-extra"]).toBe("yes");
    expect(api.headers["x-request-id"]).toBe("req-2");
  });

  it.each([
    ["flat", { error_code: "HSS.0010", error_msg: "Access denied.", encoded_authorization_message: "enc-123" }],
    ["IAM-style nested", { error: { code: "IAM.0003", message: "Policy doesn't allow hss:assets:list.", encoded_authorization_message: "enc-123" } }],
  ])("reads a %s error body: code, message and the encoded authorization message", async (_shape, body) => {
    const { hss } = client(() => json(403, body));
    const error = (await hss.listPorts({ host_id: "h1" }).catch((e: unknown) => e)) as HssApiError;
    const fields = "error" in body ? { errorCode: body.error.code, errorMsg: body.error.message } : { errorCode: body.error_code, errorMsg: body.error_msg };
    expect(error).toMatchObject({ status: 403, ...fields, encodedAuthorizationMessage: "enc-123" });
    expect(error.message).toContain(fields.errorCode);
  });

  it("redacts a credential anywhere in them", async () => {
    const { hss } = client(() => json(401, { error_code: "APIGW.0301", error_msg: "bad", echoed: [`X-Auth-Token: ${TOKEN}`] }, { "X-Echo": TOKEN }));
    const error = (await hss.listPorts({ host_id: "h1" }).catch((e: unknown) => e)) as HssApiError;
    expect(JSON.stringify(error.body)).not.toContain(TOKEN);
    expect(error.body).toMatchObject({ echoed: [`X-Auth-Token: ${REDACTED}`] });
    expect(error.headers["x-echo"]).toBe(REDACTED);
  });
});
