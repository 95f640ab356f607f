// A stateful mock in-process on 127.0.0.1:0 with one key pair and one token, and `hss` run
// in-process against it with its output collected.

import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import { createHssClient } from "@hss-kit/client";
import { startStatefulMock, type RunningStatefulMock } from "@hss-kit/mock";
import { loadModel, type OperationModel } from "@hss-kit/spec";
import { runHss } from "../src/index.js";
import { RATE_LIMIT_VARIABLE } from "../src/run.js";

export const ACCESS_KEY = "AKCLITEST";
export const SECRET_KEY = "cli-secret-key-0123456789";
export const TOKEN = "cli-token-abcdefghijklmnop";
export const PROJECT = "cli-project";

export const model = loadModel();

export async function startMock(): Promise<RunningStatefulMock> {
  return startStatefulMock({ port: 0, host: "127.0.0.1", keys: new Map([[ACCESS_KEY, SECRET_KEY]]), token: TOKEN, projectId: PROJECT });
}

/**
 * Starts the stateful mock for a test file (handing it to `started`) and stops it after, with the
 * signing environment stubbed around each test.
 */
export function withMock(started: (mock: RunningStatefulMock) => void): void {
  let mock: RunningStatefulMock | undefined;
  beforeAll(async () => {
    mock = await startMock();
    started(mock);
  });
  afterAll(() => mock?.close());
  beforeEach(() => {
    for (const [name, value] of Object.entries(SIGNING_ENV)) vi.stubEnv(name, value);
    return () => vi.unstubAllEnvs();
  });
}

/** The environment the client reads (set with vi.stubEnv), and the one hss is given. */
export const SIGNING_ENV = { HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_SK: SECRET_KEY, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function hss(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const out = collector();
  const err = collector();
  // The stateful mock does not throttle, so the runs here spend no budget unless a test sets one.
  const code = await runHss(args, { stdout: out.stream, stderr: err.stream, env: { [RATE_LIMIT_VARIABLE]: "off", ...env } });
  return { code, stdout: out.text(), stderr: err.text() };
}

/**
 * Values for an operation's required parameters that have records in the mock: a path value
 * the mock knows, else the parameter's example, else any text (a required filter takes any value).
 */
export function requiredValues(operation: OperationModel, mock: RunningStatefulMock): Record<string, string> {
  return Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.required && !parameter.config)
      .map((parameter) => [parameter.name, mock.knownValues[parameter.name]?.[0] ?? (typeof parameter.example === "string" ? parameter.example : "any-value")]),
  );
}

/** The same call made with the client directly, to compare what hss printed with. */
export function directClient(url: string) {
  return createHssClient({ baseUrl: url, region: "cn-north-4", projectId: PROJECT, credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY } }) as unknown as Record<string, (params: object) => Promise<{ total_num: number; data_list: Record<string, unknown>[] }>>;
}
