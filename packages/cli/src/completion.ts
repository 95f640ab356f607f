// Shell completion scripts, generated from the subcommands: subcommand names, each one's flags,
// the values of flags the spec gives an enum, and the field names `--fields` takes.

import type { CommandSpec } from "./commands.js";
import { GLOBAL_FLAGS } from "./flags.js";

/** The shells `hss completion` writes a script for. */
export const SHELLS = ["bash", "zsh"] as const;

const words = (list: readonly string[]) => list.join(" ");

function bashScript(commands: readonly CommandSpec[]): string {
  const globals = GLOBAL_FLAGS.map((flag) => `--${flag.name}`);
  const commandCases = commands.map((command) => `    ${command.name}) flags="${words(command.flags.map((flag) => `--${flag.flag}`))}"; fields="${words(command.operation.fields.map((field) => field.name))}" ;;`);
  const valueCases = [
    ...GLOBAL_FLAGS.filter((flag) => flag.values).map((flag) => `    *" --${flag.name}"${flag.short ? `|*" -${flag.short}"` : ""}) values="${words(flag.values!)}" ;;`),
    ...commands.flatMap((command) =>
      command.flags
        .filter(({ parameter }) => parameter.rules.enum ?? parameter.rules.type === "boolean")
        .map(({ flag, parameter }) => `    "${command.name} --${flag}") values="${words((parameter.rules.enum ?? [true, false]).map(String))}" ;;`),
    ),
  ];
  return `# bash completion for hss; load with: source <(hss completion bash)
_hss() {
  # zsh runs this through bashcompinit: ksh emulation gives it bash's 0-based arrays.
  [[ -n "\${ZSH_VERSION-}" ]] && emulate -L ksh
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local command="" word flags="" fields="" values=""
  for word in "\${COMP_WORDS[@]:1:$((COMP_CWORD - 1))}"; do
    case " ${words(commands.map((command) => command.name))} completion " in *" $word "*) command="$word"; break ;; esac
  done
  case "$command" in
${commandCases.join("\n")}
  esac
  case "$command $prev" in
${valueCases.join("\n")}
    *" --fields") values="$fields" ;;
    "completion "*) values="${words(SHELLS)}" ;;
  esac
  if [[ -n "$values" && "$prev" == -* || "$command" == completion ]]; then
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${words(globals)} $flags" -- "$cur"))
  elif [[ -z "$command" ]]; then
    COMPREPLY=($(compgen -W "${words(commands.map((command) => command.name))} completion" -- "$cur"))
  fi
}
complete -F _hss hss
`;
}

/** The completion script for a shell; zsh runs the bash function through its bashcompinit. */
export function completionScript(shell: (typeof SHELLS)[number], commands: readonly CommandSpec[]): string {
  const bash = bashScript(commands);
  if (shell === "bash") return bash;
  return `#compdef hss
# zsh completion for hss; load with: source <(hss completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash.split("\n").slice(1).join("\n")}`;
}
