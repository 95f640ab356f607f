// `hss --help` and `hss <subcommand> --help`, from the spec model's summaries, descriptions and rules.

import type { CommandSpec } from "./commands.js";
import { SECRET_VARIABLES } from "./curl.js";
import { EXIT_CODES, UNEXPECTED_EXIT_CODE } from "./exit-codes.js";
import { GLOBAL_FLAGS, describeParameter } from "./flags.js";

/** Wraps prose to a width, indenting every line. */
function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = [];
  for (const paragraph of text.trim().split(/\n\s*\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      if (line && indent + line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line, "");
  }
  lines.pop();
  return lines.map((line) => (line ? " ".repeat(indent) + line : "")).join("\n");
}

function flagLines(rows: readonly { left: string; text: string }[]): string {
  const width = Math.max(...rows.map((row) => row.left.length)) + 2;
  return rows.map(({ left, text }) => `  ${left.padEnd(width)}${wrap(text, width + 2).trimStart()}`).join("\n");
}

function globalFlagLines(): string {
  return flagLines(GLOBAL_FLAGS.map((flag) => ({
    left: `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}${flag.value ? ` ${flag.value}` : ""}`,
    text: flag.description,
  })));
}

const ENVIRONMENT = `Credentials come from the environment, never from flags (a flag is visible to every user in ps):
  ${SECRET_VARIABLES.accessKey}, ${SECRET_VARIABLES.secretKey}   an access key pair: every request is signed (SDK-HMAC-SHA256)
  ${SECRET_VARIABLES.securityToken}   with temporary access keys, their security token
  HUAWEICLOUD_SDK_PROJECT_ID           the project, unless --project-id is given
  ${SECRET_VARIABLES.token}                            an IAM token instead of an access key pair (sent as X-Auth-Token)`;

function exitCodeLines(): string {
  return [
    "  0  success",
    `  ${UNEXPECTED_EXIT_CODE}  an unexpected error (a bug in hss)`,
    ...EXIT_CODES.map(({ code, meaning }) => `  ${code}  ${meaning}`),
  ].join("\n");
}

/** `hss --help`. */
export function mainHelp(commands: readonly CommandSpec[]): string {
  return `hss: the Huawei Cloud Host Security Service (HSS) v5 API from the command line

Usage: hss <subcommand> [flags]
       hss <subcommand> --help
       hss completion bash|zsh

Subcommands (one per operation of the spec; KooCLI's names such as ListPorts work too):
${flagLines(commands.map((command) => ({ left: command.name, text: command.operation.summary })))}
  ${"completion".padEnd(Math.max(...commands.map((command) => command.name.length)) + 2)}print a bash or zsh completion script

Flags of every subcommand:
${globalFlagLines()}

${ENVIRONMENT}

Exit codes:
${exitCodeLines()}

Example:
  hss list-users --root-permission true --login-permission true --all -o ndjson --fields host_id,user_name
`;
}

/** `hss <subcommand> --help`. */
export function commandHelp(command: CommandSpec): string {
  const { operation } = command;
  const required = command.flags.filter((flag) => flag.parameter.required).map((flag) => ` --${flag.flag} ${flag.flag.toUpperCase().replace(/-/g, "_")}`).join("");
  const flags = command.flags.length === 0
    ? "  (none)"
    : flagLines(command.flags.map(({ flag, parameter }) => ({
        left: `--${flag} ${parameter.rules.type === "boolean" ? "true|false" : parameter.rules.type === "integer" ? "N" : "TEXT"}`,
        text: `${parameter.description} [${describeParameter(parameter)}]`,
      })));
  const fields = operation.fields.length === 0
    ? ""
    : `\nFields of each record (for --fields; times are epoch milliseconds):\n${wrap(operation.fields.map((field) => field.name).join(", "), 2)}\n`;
  return `hss ${command.name}: ${operation.summary}

Usage: hss ${command.name}${required} [flags]
       (${operation.method} ${operation.path}, operation ${operation.id})

${wrap(operation.description, 2)}

Flags:
${flags}
${fields}
Flags of every subcommand:
${globalFlagLines()}
`;
}
