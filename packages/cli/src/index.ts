// @hss-kit/cli: the `hss` command line, every operation of the HSS spec a subcommand.

export { runHss, type HssIo, type OutputStream } from "./run.js";
export { commandsOf, kebabCase, type CommandSpec, type FlagSpec } from "./commands.js";
export { EXIT_CODES, UNEXPECTED_EXIT_CODE, UsageError, exitCodeOf, type ExitCode } from "./exit-codes.js";
export { OUTPUT_FORMATS, type OutputFormat } from "./output.js";
export { SHELLS, completionScript } from "./completion.js";
export { SECRET_VARIABLES } from "./curl.js";
