// Refusals name the flag; failures end with the exit code of their error class.

import { createServer } from "node:net";
import { describe, expect, it, vi } from "vitest";
import type { RunningStatefulMock } from "@hss-kit/mock";
import { commandsOf, EXIT_CODES, exitCodeOf, UsageError } from "../src/index.js";
import { kebabCase, SHADOWING_PREFIX } from "../src/commands.js";
import { GLOBAL_FLAGS } from "../src/flags.js";
import { HssAuthenticationError, HssConfigurationError, HssNotFoundError, HssNetworkError, HssPermissionError, HssTimeoutError, HssValidationError } from "@hss-kit/client";
import { hss, model, requiredValues, SECRET_KEY, withMock } from "./helpers.js";

let mock: RunningStatefulMock;
withMock((started) => (mock = started));

const commands = commandsOf(model);
const codeOf = (type: abstract new (...args: never[]) => Error) => EXIT_CODES.find((row) => row.errors.some((listed) => listed === type || type.prototype instanceof listed))!.code;

/** A flag of some subcommand whose parameter has the given JSON type. */
function flagOfType(type: string) {
  for (const command of commands) {
    const found = command.flags.find(({ parameter }) => parameter.rules.type === type && !parameter.rules.enum);
    if (found) return { command, ...found };
  }
  throw new Error(`no parameter of type ${type} in the spec`);
}

const target = (command: (typeof commands)[number]) => {
  const values = requiredValues(command.operation, mock);
  return [
    command.name,
    ...command.flags.filter(({ parameter }) => values[parameter.name] !== undefined).flatMap(({ flag, parameter }) => [`--${flag}`, values[parameter.name]!]),
    "--endpoint-url",
    mock.url,
    "--region",
    "cn-north-4",
  ];
};

describe("usage errors (exit 2) name the flag", () => {
  it("a value of the wrong type", async () => {
    const { command, flag } = flagOfType("integer");
    const run = await hss([...target(command), `--${flag}`, "twelve"]);
    expect(run.code).toBe(codeOf(HssValidationError));
    expect(run.stderr).toMatch(new RegExp(`^hss ${command.name}: --${flag} must be an integer.*; got "twelve"\\.\\n$`));
  });

  it("a value outside an enum", async () => {
    const command = commands.find((c) => c.flags.some(({ parameter }) => parameter.rules.enum))!;
    const { flag, parameter } = command.flags.find(({ parameter }) => parameter.rules.enum)!;
    const run = await hss([...target(command), `--${flag}`, "no-such-value"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--${flag} must be one of ${parameter.rules.enum!.map((value) => JSON.stringify(value)).join(", ")}`);
  });

  it("no parameter's flag takes the name of a global flag", async () => {
    const globals = new Set(GLOBAL_FLAGS.map((flag) => flag.name));
    for (const command of commands) for (const { flag } of command.flags) expect(globals.has(flag), `${command.name} --${flag}`).toBe(false);
    const shadowing = commands.flatMap((command) => command.flags.filter(({ parameter }) => globals.has(kebabCase(parameter.name))).map((flag) => ({ command, ...flag })));
    for (const { command, flag, parameter } of shadowing) {
      expect(flag).toBe(`${SHADOWING_PREFIX}${kebabCase(parameter.name)}`);
      expect((await hss([command.name, "--help"])).stdout).toContain(`--${flag}`);
    }
  });

  it("a rate limit that is neither off nor N/WINDOW", async () => {
    const command = commands.find((c) => c.operation.paginated)!;
    const run = await hss([...target(command), "--rate-limit", "fast"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`hss ${command.name}: --rate-limit must be off or N/WINDOW such as 5/1m; `);
  });

  it("a walk past the budget --rate-limit sets fails at once with the resume offset, rather than wait", async () => {
    const command = commands.find((c) => c.operation.paginated && c.flags.every(({ parameter }) => !parameter.required))!;
    const run = await hss([...target(command), "--all", "--limit", "10", "--rate-limit", "1/24h"]);
    expect(run.code).toBe(codeOf(HssTimeoutError));
    expect(run.stderr).toMatch(/offset: 10/);
  });

  it("a required flag left out", async () => {
    const command = commands.find((c) => c.flags.some(({ parameter }) => parameter.required))!;
    const { flag } = command.flags.find(({ parameter }) => parameter.required)!;
    const run = await hss([command.name, "--endpoint-url", mock.url, "--region", "cn-north-4"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--${flag} is required`);
  });

  it("a flag of another subcommand, a flag given twice, a flag without its value", async () => {
    const [first, second] = commands;
    const foreign = second!.flags.find(({ flag }) => !first!.flags.some((own) => own.flag === flag))!;
    expect((await hss([...target(first!), `--${foreign.flag}`, "x"])).stderr).toContain(`hss ${first!.name} has no flag --${foreign.flag}`);
    expect((await hss([...target(first!), "--output", "json", "--output", "csv"])).stderr).toContain("--output is given twice");
    const last = await hss([...target(first!), "--fields"]);
    expect(last.code).toBe(2);
    expect(last.stderr).toContain("--fields needs a value");
  });

  it("an unknown subcommand, output format or field", async () => {
    expect((await hss(["no-such-command"])).code).toBe(2);
    const command = commands[0]!;
    const format = await hss([...target(command), "-o", "yaml"]);
    expect(format.stderr).toContain("--output must be one of json, ndjson, csv, table");
    const field = await hss([...target(command), "--fields", "no_such_field"]);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain(`the fields are ${command.operation.fields.map((f) => f.name).join(", ")}`);
  });
});

describe("failures end with their class's exit code", () => {
  it("no credentials: configuration", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_SK", "");
    const run = await hss(target(commands[0]!));
    expect(run.code).toBe(codeOf(HssConfigurationError));
    expect(run.stderr).toContain("HUAWEICLOUD_SDK_SK");
  });

  it("a wrong secret key: authentication, and the key is never printed", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_SK", `${SECRET_KEY}-wrong`);
    const run = await hss(target(commands[0]!));
    expect(run.code).toBe(codeOf(HssAuthenticationError));
    expect(run.stderr).toMatch(/HTTP 401/);
    expect(run.stderr + run.stdout).not.toContain(SECRET_KEY);
  });

  it("another project: permission (403) counts as authentication", async () => {
    const run = await hss([...target(commands[0]!), "--project-id", "someone-elses-project"]);
    expect(run.code).toBe(codeOf(HssPermissionError));
    expect(run.stderr).toMatch(/HTTP 403/);
  });

  it("a path value that does not exist: not found", async () => {
    const command = commands.find((c) => c.flags.some(({ parameter }) => parameter.in === "path" && mock.knownValues[parameter.name]))!;
    const { flag } = command.flags.find(({ parameter }) => parameter.in === "path")!;
    const run = await hss([...target(command).filter((word, index, words) => word !== `--${flag}` && words[index - 1] !== `--${flag}`), `--${flag}`, "no-such-id"]);
    expect(run.code).toBe(codeOf(HssNotFoundError));
    expect(run.stderr).toMatch(/HTTP 404 \S+ ".*" \(request id [^)]+\)/);
  });

  it("nothing listening: network", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const run = await hss([...target(commands[0]!).slice(0, -4), "--endpoint-url", `http://127.0.0.1:${port}`, "--max-retries", "0"]);
    expect(run.code).toBe(codeOf(HssNetworkError));
    expect(run.stderr).toContain("got no response");
  });

  it("every error class has one exit code, and anything else is 1", () => {
    expect(exitCodeOf(new UsageError("x"))).toBe(2);
    expect(exitCodeOf(new TypeError("x"))).toBe(1);
    const codes = EXIT_CODES.map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
