// One run of `hss`: the command line read against the subcommands the spec gives, one call (or a
// walk of every page) through @hss-kit/client, the records written in the chosen format.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createHssClient, HssConfigurationError, HssValidationError, type HssClient, type HssClientOptions } from "@hss-kit/client";
import { loadModel, parseRateLimit, type SpecModel } from "@hss-kit/spec";
import { commandsOf, findCommand, flagOf, type CommandSpec } from "./commands.js";
import { completionScript, SHELLS } from "./completion.js";
import { SECRET_VARIABLES, toCurl } from "./curl.js";
import { exitCodeOf, UsageError } from "./exit-codes.js";
import { GLOBAL_FLAGS, parameterValue } from "./flags.js";
import { commandHelp, mainHelp } from "./help.js";
import { createRenderer, OUTPUT_FORMATS, type OutputFormat, type Write } from "./output.js";

/** A stream `hss` writes to: process.stdout, or anything with the same write and drain. */
export interface OutputStream {
  write(chunk: string): boolean;
  once(event: "drain", listener: () => void): unknown;
}

/** Where a run writes, and what it reads besides its arguments. */
export interface HssIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** The environment; `HSS_TOKEN` is read here, the `HUAWEICLOUD_SDK_*` variables by the client itself. */
  env: Readonly<Record<string, string | undefined>>;
}

const writer = (stream: OutputStream): Write => (text) =>
  stream.write(text) ? Promise.resolve() : new Promise((resolve) => stream.once("drain", () => resolve()));

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

interface Invocation {
  /** The first word, naming the subcommand. */
  word: string | undefined;
  command: CommandSpec | undefined;
  positionals: string[];
  globals: Record<string, string | boolean | undefined>;
  params: Record<string, unknown>;
}

/** Reads the command line; every refusal names the flag and what is allowed. */
function readCommandLine(args: readonly string[], commands: readonly CommandSpec[]): Invocation {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const flag of GLOBAL_FLAGS) options[flag.name] = { type: flag.type, ...(flag.short ? { short: flag.short } : {}) };
  for (const command of commands) for (const { flag } of command.flags) options[flag] ??= { type: "string" };
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const positionals = tokens.flatMap((token) => (token.kind === "positional" ? [token.value] : []));
  const [word, ...rest] = positionals;
  const command = word === undefined || word === "completion" ? undefined : findCommand(commands, word);
  if (word !== undefined && word !== "completion" && command === undefined) {
    throw new UsageError(`unknown subcommand ${JSON.stringify(word)}; the subcommands are ${commands.map((c) => c.name).join(", ")} (hss --help lists them).`);
  }
  const where = command ? `hss ${command.name}` : "hss";
  const globals: Invocation["globals"] = {};
  const params: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const global = GLOBAL_FLAGS.find((flag) => flag.name === token.name);
    const own = command?.flags.find((flag) => flag.flag === token.name);
    if (!global && !own) {
      throw new UsageError(`${where} has no flag ${token.rawName}; ${command ? `its flags are ${command.flags.map((f) => `--${f.flag}`).join(", ") || "none"}, and ` : ""}the flags of every subcommand are in hss --help.`);
    }
    if (seen.has(token.name)) throw new UsageError(`${where}: ${token.rawName} is given twice.`);
    seen.add(token.name);
    const takesValue = global ? global.type === "string" : true;
    if (takesValue && token.value === undefined) throw new UsageError(`${where}: ${token.rawName} needs a value (--${token.name} VALUE or --${token.name}=VALUE).`);
    if (!takesValue && token.value !== undefined) throw new UsageError(`${where}: ${token.rawName} takes no value.`);
    if (global) globals[token.name] = token.value ?? true;
    else params[own!.parameter.name] = parameterValue(own!.parameter, token.value!);
  }
  return { word, command, positionals: rest, globals, params };
}

function integerFlag(where: string, name: string, value: string | boolean | undefined, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value) || Number(value) < minimum) {
    throw new UsageError(`${where}: --${name} must be an integer of at least ${minimum}; got ${JSON.stringify(value)}.`);
  }
  return Number(value);
}

/** The flag a refused parameter or walk option is set with, for error messages. */
function flagFor(command: CommandSpec, parameter: string): string {
  if (parameter === "pageSize") return "--limit";
  if (parameter === "maxItems") return "--max-items";
  const found = command.operation.parameters.find((p) => p.name === parameter);
  return `--${found ? flagOf(found) : parameter}`;
}

/** The environment variable that sets `--rate-limit` for every run, such as a script's. */
export const RATE_LIMIT_VARIABLE = "HSS_RATE_LIMIT";

/** `--rate-limit` as the client's `rateLimit` option: false for `off`, a budget for `N/WINDOW`. */
function rateLimitOf(where: string, given: string | undefined): HssClientOptions["rateLimit"] {
  if (given === undefined) return undefined;
  if (given === "off") return false;
  try {
    return parseRateLimit(given);
  } catch (error) {
    throw new UsageError(`${where}: --rate-limit must be off or N/WINDOW such as 5/1m; ${(error as Error).message}`);
  }
}

function clientOptions(globals: Invocation["globals"], env: HssIo["env"], where: string, dryRun: { request?: Request } | undefined): HssClientOptions {
  const text = (name: string) => (typeof globals[name] === "string" ? (globals[name] as string) : undefined);
  const token = env[SECRET_VARIABLES.token];
  const timeout = integerFlag(where, "timeout", globals.timeout, 1);
  const maxRetries = integerFlag(where, "max-retries", globals["max-retries"], 0);
  const rateLimit = rateLimitOf(where, text("rate-limit") ?? env[RATE_LIMIT_VARIABLE]);
  return {
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(text("region") !== undefined ? { region: text("region") } : {}),
    ...(text("endpoint-url") !== undefined ? { baseUrl: text("endpoint-url") } : {}),
    ...(text("project-id") !== undefined ? { projectId: text("project-id") } : {}),
    ...(token ? { credentials: { token } } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(maxRetries !== undefined ? { maxRetries } : {}),
    ...(dryRun
      ? {
          maxRetries: 0,
          fetch: async (request: Request) => {
            dryRun.request ??= request;
            return new Response('{"total_num":0,"data_list":[]}', { headers: { "content-type": "application/json" } });
          },
        }
      : {}),
  };
}

type AnyMethod = (params: object) => Promise<unknown>;
type AnyWalk = { pages(params: object, options: object): AsyncGenerator<{ total_num: number; data_list: unknown[] }> };

async function execute(invocation: Invocation, command: CommandSpec, io: HssIo): Promise<void> {
  const where = `hss ${command.name}`;
  const { globals, params } = invocation;
  const { operation } = command;
  if (invocation.positionals.length > 0) throw new UsageError(`${where} takes no arguments; got ${JSON.stringify(invocation.positionals[0])} (values go in flags, such as --${command.flags[0]?.flag ?? "flag"} VALUE).`);
  const format = (globals.output ?? "json") as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`${where}: --output must be one of ${OUTPUT_FORMATS.join(", ")}; got ${JSON.stringify(format)}.`);
  const known = operation.fields.map((field) => field.name);
  const picked = typeof globals.fields === "string" ? globals.fields.split(",").map((name) => name.trim()).filter(Boolean) : undefined;
  if (picked !== undefined) {
    const unknown = picked.find((name) => !known.includes(name));
    if (picked.length === 0 || unknown !== undefined) {
      throw new UsageError(`${where}: --fields takes field names separated by commas${unknown ? `; ${JSON.stringify(unknown)} is not a field of ${command.name}` : ""}; the fields are ${known.join(", ")}.`);
    }
  }
  const all = globals.all === true;
  if (all && !operation.paginated) throw new UsageError(`${where}: --all needs a subcommand that pages; ${command.name} answers in one response.`);
  if (all && params.offset !== undefined) throw new UsageError(`${where}: --offset cannot be used with --all, which starts at the first record.`);
  const maxItems = integerFlag(where, "max-items", globals["max-items"], 0);
  if (maxItems !== undefined && !all) throw new UsageError(`${where}: --max-items needs --all.`);

  const dryRun = globals["dry-run"] === true ? {} as { request?: Request } : undefined;
  const hss = createHssClient(clientOptions(globals, io.env, where, dryRun)) as unknown as HssClient & Record<string, AnyMethod> & { paginate: Record<string, AnyWalk> };
  // A dry run goes the whole way with a fetch that answers an empty page, and prints the first request.
  const write: Write = dryRun ? async () => undefined : writer(io.stdout);
  const columns = picked ?? known;
  const render = createRenderer(format, columns, picked !== undefined, write);

  if (all) {
    const { limit, ...rest } = params;
    const progress: Write = dryRun ? async () => undefined : writer(io.stderr);
    let done = 0;
    let total: number | undefined;
    for await (const page of hss.paginate[operation.id]!.pages(rest, { ...(limit !== undefined ? { pageSize: limit } : {}), ...(maxItems !== undefined ? { maxItems } : {}) })) {
      total = page.total_num;
      done += page.data_list.length;
      await render.rows(page.data_list);
      await progress(`${where}: ${done} of ${Math.min(total, maxItems ?? Infinity)} records\n`);
    }
    await render.end(total ?? 0, undefined);
  } else {
    const body = await hss[operation.id]!(params);
    const list = (body as { data_list?: unknown } | undefined)?.data_list;
    if (Array.isArray(list)) {
      await render.rows(list);
      await render.end((body as { total_num: number }).total_num, body);
    } else {
      await render.rows(format === "json" ? [] : [body]);
      await render.end(undefined, body);
    }
  }
  if (dryRun) {
    await writer(io.stdout)(toCurl(dryRun.request!, `hss ${command.name}: ${operation.method} ${operation.path}${all ? " (the first page of --all)" : ""}`));
  }
}

/** What to write for an error: the flag that was refused, or the client's message (which carries no secret). */
function describeError(error: unknown, command: CommandSpec | undefined): string {
  const where = command ? `hss ${command.name}` : "hss";
  if (error instanceof UsageError) return `${where}: ${error.message}`;
  if (error instanceof HssValidationError && command) {
    const flag = flagFor(command, error.parameter);
    return error.problem === "missing"
      ? `${where}: ${flag} is required; it takes ${error.allowed}.`
      : `${where}: ${flag} must be ${error.allowed}; got ${JSON.stringify(error.value)}.`;
  }
  if (error instanceof HssConfigurationError) {
    return `${where}: ${error.message}\n  (--region, --endpoint-url and --project-id set these, credentials come from ${SECRET_VARIABLES.accessKey} and ${SECRET_VARIABLES.secretKey} or ${SECRET_VARIABLES.token}; see hss --help)`;
  }
  if (error instanceof Error && exitCodeOf(error) !== 1) return `${where}: ${error.message}`;
  return `${where}: unexpected error, please report it: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

let model: SpecModel | undefined;

/**
 * Runs `hss` with these arguments (without the `node` and script paths) and resolves to the exit
 * code; the process entry point exits with it. Every subcommand comes from the spec model.
 *
 * @example
 * const code = await runHss(["list-ports", "--host-id", id, "-o", "table"], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 */
export async function runHss(args: readonly string[], io: HssIo): Promise<number> {
  model ??= loadModel();
  const commands = commandsOf(model);
  let invocation: Invocation | undefined;
  try {
    invocation = readCommandLine(args, commands);
    const { command, globals, positionals } = invocation;
    if (globals.version === true) {
      await writer(io.stdout)(`hss ${version()} (${model.title} ${model.version})\n`);
      return 0;
    }
    if (args.length === 0 || globals.help === true) {
      await writer(io.stdout)(command ? commandHelp(command) : mainHelp(commands));
      return 0;
    }
    if (invocation.word === undefined) throw new UsageError("name a subcommand; hss --help lists them.");
    if (command === undefined) {
      const shell = positionals[0] as (typeof SHELLS)[number] | undefined;
      if (shell === undefined || !SHELLS.includes(shell) || positionals.length > 1) {
        throw new UsageError(`completion takes one shell, ${SHELLS.join(" or ")}; got ${JSON.stringify(positionals.join(" "))}.`);
      }
      await writer(io.stdout)(completionScript(shell, commands));
      return 0;
    }
    await execute(invocation, command, io);
    return 0;
  } catch (error) {
    await writer(io.stderr)(`${describeError(error, invocation?.command)}\n`);
    return exitCodeOf(error);
  }
}
