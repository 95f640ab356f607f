// --dry-run prints a curl command that sends the same request, with secrets as shell variables;
// the completion script completes what the spec gives.

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { RunningStatefulMock } from "@hss-kit/mock";
import { commandsOf, completionScript, OUTPUT_FORMATS } from "../src/index.js";
import { ACCESS_KEY, directClient, hss, model, requiredValues, SECRET_KEY, TOKEN, withMock } from "./helpers.js";

const run = promisify(execFile);

let mock: RunningStatefulMock;
withMock((started) => (mock = started));

const commands = commandsOf(model);

/** Values with quotes, spaces and non-ASCII, so quoting and encoding are both exercised. */
const awkward = "it's a \"host\" 服务器 $HOME `id`";

describe.each(commands.map((command) => [command.name, command] as const))("hss %s --dry-run", (_name, command) => {
  const args = () => {
    const values = requiredValues(command.operation, mock);
    // A free-text filter with an awkward value, when the operation has one and it is not required.
    const text = command.flags.find(({ parameter }) => !parameter.required && parameter.in === "query" && parameter.rules.type === "string" && !parameter.rules.enum && parameter.filter);
    return {
      params: { ...values, ...(text ? { [text.parameter.name]: awkward } : {}) },
      argv: [
        command.name,
        ...command.flags.filter(({ parameter }) => values[parameter.name] !== undefined).flatMap(({ flag, parameter }) => [`--${flag}`, values[parameter.name]!]),
        ...(text ? [`--${text.flag}`, awkward] : []),
        "--endpoint-url", mock.url, "--region", "cn-north-4", "--dry-run",
      ],
    };
  };

  it.each([
    ["signed with AK/SK", {}],
    ["with a token", { HSS_TOKEN: TOKEN }],
  ] as const)("%s: runs in bash and gets what the client gets, no secret printed", async (_how, env) => {
    const { argv, params } = args();
    const printed = await hss(argv, env);
    expect(printed.code).toBe(0);
    expect(printed.stdout).not.toContain(SECRET_KEY);
    expect(printed.stdout).not.toContain(TOKEN);
    expect(printed.stdout).not.toContain(ACCESS_KEY);
    const { stdout } = await run("bash", ["-c", printed.stdout], {
      env: { PATH: process.env.PATH, HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_SK: SECRET_KEY, HSS_TOKEN: TOKEN },
    });
    expect(JSON.parse(stdout)).toEqual(await directClient(mock.url)[command.operation.id]!(params));
  });
});

async function complete(line: string): Promise<string[]> {
  const words = line.split(" ");
  const script = `${completionScript("bash", commands)}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _hss; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await run("bash", ["-c", script]);
  return stdout.split("\n").filter(Boolean).sort();
}

describe("hss completion bash", () => {
  it("completes subcommands", async () => {
    expect(await complete("hss ")).toEqual([...commands.map((command) => command.name), "completion"].sort());
  });

  it.each(commands.map((command) => [command.name, command] as const))("completes the flags of %s, and the values of its enum flags", async (name, command) => {
    const flags = await complete(`hss ${name} --`);
    for (const { flag } of command.flags) expect(flags).toContain(`--${flag}`);
    expect(flags).toContain("--output");
    for (const { flag, parameter } of command.flags.filter(({ parameter }) => parameter.rules.enum)) {
      expect(await complete(`hss ${name} --${flag} `)).toEqual(parameter.rules.enum!.map(String).sort());
    }
    expect(await complete(`hss ${name} --fields `)).toEqual(command.operation.fields.map((field) => field.name).sort());
    expect(await complete(`hss ${name} -o `)).toEqual([...OUTPUT_FORMATS].sort());
  });

  // zsh is not on every machine (apt-get install zsh); where it is, the zsh script must work in it.
  it.runIf(existsSync("/usr/bin/zsh"))("completes in zsh, through bashcompinit", async () => {
    const zsh = async (words: string[]) => {
      const script = `autoload -U compinit && compinit -u
${completionScript("zsh", commands)}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _hss; print -l -- $COMPREPLY`;
      const { stdout } = await run("/usr/bin/zsh", ["-f", "-c", script]);
      return stdout.split("\n").filter(Boolean).sort();
    };
    expect(await zsh(["hss", ""])).toEqual([...commands.map((command) => command.name), "completion"].sort());
    const command = commands.find((c) => c.flags.some(({ parameter }) => parameter.rules.enum))!;
    const { flag, parameter } = command.flags.find(({ parameter }) => parameter.rules.enum)!;
    expect(await zsh(["hss", command.name, `--${flag}`, ""])).toEqual(parameter.rules.enum!.map(String).sort());
  });

  it("is what hss completion prints, for bash and zsh", async () => {
    expect((await hss(["completion", "bash"])).stdout).toBe(completionScript("bash", commands));
    const zsh = await hss(["completion", "zsh"]);
    expect(zsh.stdout).toContain("bashcompinit");
    expect((await hss(["completion", "fish"])).code).toBe(2);
  });
});
