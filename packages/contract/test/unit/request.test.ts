import { describe, expect, it } from "vitest";
import { loadModel, type OperationModel } from "../../src/index.js";
import { toCurl, toRawRequest } from "../../src/request.js";

const spec = loadModel();
const op = (id: string) => spec.operations.find((o) => o.id === id) as OperationModel;
const TOKEN = "tok-123456789";

describe("toRawRequest", () => {
  it("percent-encodes path and query values, keeps a base path prefix, and sends header parameters as headers", () => {
    const request = toRawRequest("http://gw.test/hss/", TOKEN, { operation: op("listLocalImageHosts"), params: { project_id: "p/1", region: "cn-north-4", host_name: "a b&c", limit: 10 } });
    expect(request.url).toBe("http://gw.test/hss/v5/p%2F1/image/local/hosts?host_name=a%20b%26c&limit=10");
    expect(request.headers).toEqual({ accept: "application/json", region: "cn-north-4", "X-Auth-Token": TOKEN });
  });

  it("leaves a missing path parameter as an empty segment and sends each auth mode", () => {
    const call = { operation: op("listVulScanTaskHost"), params: { project_id: "p" } };
    expect(toRawRequest("http://h", TOKEN, call).url).toBe("http://h/v5/p/vulnerability/scan-task//hosts");
    expect(toRawRequest("http://h", TOKEN, { ...call, auth: "none" }).headers["X-Auth-Token"]).toBeUndefined();
    expect(toRawRequest("http://h", TOKEN, { ...call, auth: "empty" }).headers["X-Auth-Token"]).toBe("");
    expect(toRawRequest("http://h", TOKEN, { ...call, auth: "wrong" }).headers["X-Auth-Token"]).not.toBe(TOKEN);
  });
});

describe("toCurl", () => {
  const request = (auth: "credentials" | "none" | "empty" | "wrong", params = {}) =>
    toRawRequest("http://h", TOKEN, { operation: op("listUsers"), params: { project_id: "p", ...params }, auth });

  it("reads the token from $HSS_TOKEN and never prints it", () => {
    expect(toCurl(request("credentials"), TOKEN)).toBe(`curl -sS -i 'http://h/v5/p/asset/users' -H "X-Auth-Token: $HSS_TOKEN"`);
    expect(toCurl(request("wrong"), TOKEN)).toBe(`curl -sS -i 'http://h/v5/p/asset/users' -H "X-Auth-Token: \${HSS_TOKEN}-not-the-token"`);
    expect(toCurl(request("empty"), TOKEN)).toBe(`curl -sS -i 'http://h/v5/p/asset/users' -H 'X-Auth-Token;'`);
    expect(toCurl(request("none"), TOKEN)).toBe(`curl -sS -i 'http://h/v5/p/asset/users'`);
  });

  it("quotes for the shell, so a value with a quote stays one argument", () => {
    const line = toCurl(request("credentials", { host_name: "it's" }), TOKEN);
    expect(line).toBe(`curl -sS -i 'http://h/v5/p/asset/users?host_name=it'\\''s' -H "X-Auth-Token: $HSS_TOKEN"`);
  });
});
