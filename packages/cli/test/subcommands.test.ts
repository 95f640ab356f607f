// Every subcommand of the spec model, in every output format, against the stateful mock; what
// hss prints is compared with what the client itself gets for the same call.

import { describe, expect, it } from "vitest";
import type { RunningStatefulMock } from "@hss-kit/mock";
import { commandsOf, OUTPUT_FORMATS } from "../src/index.js";
import { directClient, hss, model, requiredValues, withMock } from "./helpers.js";

let mock: RunningStatefulMock;
withMock((started) => (mock = started));

const commands = commandsOf(model);

/** A csv line split into cells (the mock's values hold no quotes, commas or line breaks). */
const csvCells = (line: string) => line.split(",");

describe.each(commands.map((command) => [command.name, command] as const))("hss %s", (_name, command) => {
  const flagsFor = () => {
    const values = requiredValues(command.operation, mock);
    return command.flags.filter(({ parameter }) => values[parameter.name] !== undefined).flatMap(({ flag, parameter }) => [`--${flag}`, values[parameter.name]!]);
  };
  const base = () => [command.name, ...flagsFor(), "--endpoint-url", mock.url, "--region", "cn-north-4"];
  const expected = () => directClient(mock.url)[command.operation.id]!(requiredValues(command.operation, mock));
  const fields = command.operation.fields.map((field) => field.name);

  it.each(OUTPUT_FORMATS)("prints one page as %s", async (format) => {
    const run = await hss([...base(), "--output", format]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const body = await expected();
    expect(body.data_list.length).toBeGreaterThan(0);
    const lines = run.stdout.trimEnd().split("\n");
    switch (format) {
      case "json":
        expect(JSON.parse(run.stdout)).toEqual(body);
        break;
      case "ndjson":
        expect(lines.map((line) => JSON.parse(line))).toEqual(body.data_list);
        break;
      case "csv":
        expect(csvCells(lines[0]!)).toEqual(fields);
        expect(lines.slice(1).map((line) => csvCells(line)[0])).toEqual(body.data_list.map((item) => String(item[fields[0]!] ?? "")));
        break;
      case "table":
        expect(lines[0]!.split(/\s+/)).toEqual(fields);
        expect(lines).toHaveLength(body.data_list.length + 1);
        break;
    }
  });

  it("picks fields in the order asked for", async () => {
    const picked = [fields.at(-1)!, fields[0]!];
    const run = await hss([...base(), "-o", "ndjson", "--fields", picked.join(",")]);
    expect(run.code).toBe(0);
    const body = await expected();
    const rows = run.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((row) => Object.keys(row))).toEqual(body.data_list.map(() => picked));
    expect(rows.map((row) => row[picked[1]!])).toEqual(body.data_list.map((item) => item[picked[1]!]));
  });

  it.runIf(command.operation.paginated)("walks every page with --all, progress on stderr", async () => {
    const { total_num } = await expected();
    const run = await hss([...base(), "--all", "-o", "ndjson"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(total_num);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(`hss ${command.name}: ${total_num} of ${total_num} records`);
  });

  it("lists its parameters' descriptions and rules in --help", async () => {
    const run = await hss([command.name, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(command.operation.summary);
    for (const { flag, parameter } of command.flags) {
      expect(run.stdout).toContain(`--${flag}`);
      expect(run.stdout.replace(/\s+/g, " ")).toContain(parameter.description.replace(/\s+/g, " "));
    }
  });
});

describe("hss --all", () => {
  const command = commands.find((c) => c.operation.paginated && !c.flags.some(({ parameter }) => parameter.required))!;
  const limit = command.operation.parameters.find((parameter) => parameter.paging === "limit")!;
  const pageSize = Math.max(limit.rules.minimum ?? 1, 10);

  it("takes --limit as the page size and stops at --max-items", async () => {
    const maxItems = pageSize + Math.ceil(pageSize / 2);
    const run = await hss([command.name, "--endpoint-url", mock.url, "--region", "cn-north-4", "--all", "--limit", String(pageSize), "--max-items", String(maxItems), "-o", "ndjson"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(maxItems);
    expect(run.stderr.trimEnd().split("\n")).toEqual([`hss ${command.name}: ${pageSize} of ${maxItems} records`, `hss ${command.name}: ${maxItems} of ${maxItems} records`]);
  });

  it("with --dry-run prints the walk's first request", async () => {
    const run = await hss([command.name, "--endpoint-url", mock.url, "--all", "--limit", String(pageSize), "--dry-run"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(the first page of --all)");
    const url = new URL(/'(http[^']+)'$/m.exec(run.stdout)![1]!);
    expect([url.searchParams.get("offset"), url.searchParams.get("limit")]).toEqual(["0", String(pageSize)]);
  });

  it("refuses --offset, and --max-items without --all", async () => {
    expect((await hss([command.name, "--endpoint-url", mock.url, "--all", "--offset", "10"])).stderr).toContain("--offset cannot be used with --all");
    expect((await hss([command.name, "--endpoint-url", mock.url, "--max-items", "10"])).stderr).toContain("--max-items needs --all");
  });
});

describe("hss --help", () => {
  it("lists every subcommand with its summary", async () => {
    const run = await hss(["--help"]);
    expect(run.code).toBe(0);
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    for (const command of commands) expect(run.stdout).toMatch(new RegExp(`^  ${escape(command.name)} +${escape(command.operation.summary)}`, "m"));
  });

  it("takes KooCLI's operation names too", async () => {
    const command = commands[0]!;
    const koo = command.operation.id[0]!.toUpperCase() + command.operation.id.slice(1);
    const run = await hss([koo, "--help"]);
    expect(run.stdout).toContain(`hss ${command.name}:`);
  });
});
