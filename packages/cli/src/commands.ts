// The subcommands, derived from the spec model: one per operation, named as the AWS CLI names its
// operations (`ListPorts` -> `list-ports`), with one flag per parameter (`host_id` -> `--host-id`).
// Nothing here names an operation, so a new operation in the spec is a new subcommand.

import type { OperationModel, ParameterModel, SpecModel } from "@hss-kit/spec";
import { GLOBAL_FLAGS } from "./flags.js";

/** One flag of a subcommand and the parameter it sets. */
export interface FlagSpec {
  /** The flag without its dashes, such as `host-id`. */
  readonly flag: string;
  readonly parameter: ParameterModel;
}

/** One subcommand: an operation of the spec. */
export interface CommandSpec {
  /** The subcommand, such as `list-ports`. */
  readonly name: string;
  readonly operation: OperationModel;
  /** Flags of the operation's own parameters; those the configuration fills are global flags. */
  readonly flags: readonly FlagSpec[];
}

/** `listProcessesHost` -> `list-processes-host`, `ListHostStatus` -> `list-host-status`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[_\s]+/g, "-")
    .toLowerCase();
}

/** The global flag that sets a parameter the client fills from its configuration. */
export const CONFIG_FLAGS = { projectId: "project-id", region: "region" } as const;

/** Prefix of a parameter's flag whose own name is a global flag's (`version` -> `--param-version`). */
export const SHADOWING_PREFIX = "param-";

/**
 * The flag a parameter is set with: the global flag of its configuration role, or its own name,
 * prefixed when that name is a global flag's, so that `--version` keeps meaning the version of hss.
 */
export function flagOf(parameter: ParameterModel): string {
  if (parameter.config) return CONFIG_FLAGS[parameter.config];
  const own = kebabCase(parameter.name);
  return GLOBAL_FLAGS.some((global) => global.name === own) ? `${SHADOWING_PREFIX}${own}` : own;
}

/** Every subcommand of the model, in spec order. */
export function commandsOf(model: SpecModel): CommandSpec[] {
  return model.operations.map((operation) => ({
    name: kebabCase(operation.id),
    operation,
    flags: operation.parameters.filter((parameter) => !parameter.config).map((parameter) => ({ flag: flagOf(parameter), parameter })),
  }));
}

/**
 * The subcommand a word names: its kebab-case name, or the operation's own name in any case, as
 * KooCLI users type it (`hss ListPorts`).
 */
export function findCommand(commands: readonly CommandSpec[], word: string): CommandSpec | undefined {
  const lower = word.toLowerCase();
  return commands.find((command) => command.name === word || command.operation.id.toLowerCase() === lower);
}
