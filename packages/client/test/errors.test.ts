import { describe, expect, it } from "vitest";
import {
  HssApiError,
  HssAuthenticationError,
  HssConfigurationError,
  HssError,
  HssInvalidRequestError,
  HssNetworkError,
  HssNotFoundError,
  HssPaginationError,
  HssPermissionError,
  HssRateLimitError,
  HssServerError,
  HssTimeoutError,
  HssValidationError,
} from "../src/index.js";
import { apiErrorFor } from "../src/errors.js";

describe("error hierarchy", () => {
  it.each([
    [400, "HssInvalidRequestError", [HssInvalidRequestError]],
    [401, "HssAuthenticationError", [HssAuthenticationError]],
    [403, "HssPermissionError", [HssPermissionError, HssAuthenticationError]],
    [404, "HssNotFoundError", [HssNotFoundError]],
    [429, "HssRateLimitError", [HssRateLimitError]],
    [500, "HssServerError", [HssServerError]],
    [504, "HssServerError", [HssServerError]],
    [409, "HssApiError", []],
  ] as const)("HTTP %i is %s", (status, name, types) => {
    const error = apiErrorFor({ status });
    expect(error.name).toBe(name);
    for (const type of [...types, HssApiError, HssError, Error]) expect(error).toBeInstanceOf(type);
  });

  it("keeps transport, validation, pagination and configuration errors apart from HTTP ones", () => {
    const others = [
      new HssNetworkError({}, "fetch failed"),
      new HssTimeoutError({}, 5),
      new HssValidationError({ operationId: "op", parameter: "p", value: 1, allowed: "a string", problem: "invalid" }),
      new HssPaginationError("op", 0, "broken"),
      new HssConfigurationError("bad"),
    ];
    for (const error of others) {
      expect(error).toBeInstanceOf(HssError);
      expect(error).not.toBeInstanceOf(HssApiError);
    }
  });
});

describe("messages are one sentence", () => {
  it("with every detail", () => {
    expect(
      apiErrorFor({
        status: 429,
        errorCode: "APIGW.0308",
        errorMsg: "The throttling threshold has been reached",
        requestId: "r1",
        operationId: "listPorts",
        method: "GET",
        url: "https://hss.test/v5/p/asset/ports",
      }).message,
    ).toBe(
      'listPorts (GET https://hss.test/v5/p/asset/ports) failed with HTTP 429 APIGW.0308 "The throttling threshold has been reached" (request id r1).',
    );
  });

  it("with nothing but a status", () => {
    expect(apiErrorFor({ status: 500 }).message).toBe("The HSS request failed with HTTP 500.");
    expect(new HssTimeoutError({ method: "GET", url: "https://hss.test/x" }, 30_000).message).toBe(
      "GET https://hss.test/x timed out after 30000 ms.",
    );
    expect(new HssNetworkError({ operationId: "listUsers" }, "fetch failed").message).toBe(
      "listUsers got no response from HSS: fetch failed.",
    );
  });

  it("for each validation problem", () => {
    const base = { operationId: "listPorts", parameter: "limit", allowed: "an integer from 10 to 200" };
    expect(new HssValidationError({ ...base, value: undefined, problem: "missing" }).message).toBe(
      "listPorts: limit is required and must be an integer from 10 to 200.",
    );
    expect(new HssValidationError({ ...base, value: 5, problem: "invalid" }).message).toBe(
      "listPorts: limit must be an integer from 10 to 200; got 5.",
    );
    expect(new HssValidationError({ ...base, allowed: "host_id", value: 5, problem: "unknown" }).message).toBe(
      "listPorts: limit is not a parameter of listPorts (its value is not shown); the parameters are host_id.",
    );
  });

  it("shows odd values readably", () => {
    const show = (value: unknown) =>
      new HssValidationError({ operationId: "op", parameter: "p", value, allowed: "a string", problem: "invalid" }).message;
    expect(show(10n)).toBe("op: p must be a string; got 10n.");
    expect(show(Symbol("s"))).toBe("op: p must be a string; got Symbol(s).");
    expect(show({ a: 1 })).toBe('op: p must be a string; got {"a":1}.');
  });
});
