// The check registry. A check is registered by being defined: each family's module calls
// `defineCheck` for each of its checks, with what the check holds the target to and how it plans
// its cases; the runner, the `--checks`/`--exclude-checks` selection, the mock profile and the
// README's list of checks all read what was defined, in the order it was defined.

import { FAMILIES, type Failure, type Violation } from "../result.js";
import type { ResponseValidator } from "../schema.js";
import type { Exchange, Session } from "../session.js";
import type { OperationModel } from "../spec.js";
import type { CheckContext } from "./context.js";

/** A family of checks, the part of a check's name before the dot. */
export type Family = (typeof FAMILIES)[number];

/** The name of a check, such as `pagination.compose`: its family, a dot, and what it holds. */
export type CheckName = `${Family}.${string}`;

/** What a run offers a check when it plans: what it authenticates with and which options are on. */
export interface PlanEnv {
  /** Whether the run signs with AK/SK (rather than sending a token). */
  signs: boolean;
  /** The latency budget (`--max-latency`), when one is set. */
  maxLatencyMs?: number;
  /** Whether the run holds a credential of another project (`--other-token`, `--other-access-key`). */
  otherCredentials: boolean;
}

/** One case a check runs against one operation. */
export interface CheckCase {
  /** What within the operation, such as `limit=201`; empty for whole-operation checks. */
  subject: string;
  /**
   * Why the mock profile leaves this one case out, when the check as a whole stays in (an input
   * case Prism mishandles).
   */
  notInMock?: string;
  /** Why the case cannot run at all against this spec, decided when planning. */
  skip?: string;
  /** Runs the case: no failures means it passed; throwing `Skip` skips it. */
  run(context: CheckContext): Promise<Failure[]>;
}

/** What a check's definition says. */
export interface CheckDefinition {
  name: CheckName;
  /** What the check holds the target to, in one or two sentences (Markdown). */
  rule: string;
  /** What the check needs from the spec or the target to run, when that is more than a valid call. */
  needs?: string;
  /**
   * Why the `mock` profile leaves the check out: a stateless server answering every valid request
   * with the spec's example (Prism) cannot pass it. Absent when such a server can.
   */
  notInMock?: string;
  /** Whether the check runs only when an option turns it on. */
  optIn?: string;
  /**
   * Whether the `gateway` profile keeps the check: it sends a request or two per operation at
   * most (or none: it judges what the others get), so that a run fits a real gateway's budget of
   * a few calls of each operation a minute.
   */
  gateway?: true;
  /**
   * The rule of the API the check rests on, when other families' checks rest on it too (so a
   * report groups their failures as one likely cause); by default the rule of its family.
   */
  restsOn?: string;
  /**
   * Judges every response of the run as it arrives, whichever check sent the request: the
   * violations of one exchange, or undefined when the exchange is not this check's to judge.
   */
  judge?(exchange: Exchange, session: Session, validator: ResponseValidator): Violation[] | undefined;
  /**
   * Whether the check reports on the responses the operation's other checks got (a judge's
   * verdict, response times), so that it runs after them even when the valid call failed.
   */
  after?: boolean;
  /** The check's cases for one operation; none when the run's credentials or options leave it out. */
  plan(operation: OperationModel, env: PlanEnv): CheckCase[];
}

/** A defined check, with its family and the rule it rests on. */
export type Check = CheckDefinition & { family: Family; restsOn: string };

/** The rule each family's checks rest on, unless a check names another. */
const FAMILY_RULES: Record<Family, string> = {
  robustness: "every request gets a complete answer, in time",
  conformance: "every answer has the status, headers and body the spec documents",
  inputs: "a value outside the spec's rules is refused with a documented 4xx",
  auth: "only a valid, fresh, untampered credential is served",
  tenancy: "a project's records reach only callers of that project",
  pagination: "the same request gets the same records in the same order",
  filters: "a filter selects exactly the records its value names",
  links: "every ID an answer carries leads where the spec's links say",
};

/** Rules that checks of several families rest on. */
export const SHARED_RULES = {
  accepted: "a request inside the spec's rules is answered 2xx",
  pages: "total_num counts exactly the records the pages hold, each page min(limit, what is left)",
} as const;

const registry = new Map<CheckName, Check>();

/**
 * Defines a check and so registers it. The name must start with a family and be new: a second
 * definition of one name is a mistake, never an override.
 */
export function defineCheck(definition: CheckDefinition): Check {
  const family = definition.name.split(".")[0] as Family;
  if (!FAMILIES.includes(family)) throw new Error(`check ${definition.name}: the name must start with a family (${FAMILIES.join(", ")})`);
  if (registry.has(definition.name)) throw new Error(`check ${definition.name} is defined twice`);
  const check: Check = { ...definition, family, restsOn: definition.restsOn ?? FAMILY_RULES[family] };
  registry.set(definition.name, check);
  return check;
}

/** Every defined check, by family in report order, each family's in the order they were defined. */
export function registeredChecks(): Check[] {
  const all = [...registry.values()];
  return FAMILIES.flatMap((family) => all.filter((check) => check.family === family));
}

/** The names of every defined check, in report order. */
export function checkNamesDefined(): CheckName[] {
  return registeredChecks().map((check) => check.name);
}

/** The definition of a check, or undefined for a name no check has. */
export function checkNamed(name: string): Check | undefined {
  return registry.get(name as CheckName);
}

/**
 * The checks a `--checks`/`--exclude-checks` selection keeps: each entry is a check name or a
 * family. Throws, naming what is allowed, for an entry that is neither.
 */
export function selectChecks(include: readonly string[] | undefined, exclude: readonly string[] | undefined): Set<CheckName> {
  const names = checkNamesDefined();
  const expand = (entries: readonly string[], flag: string): CheckName[] =>
    entries.flatMap((entry) => {
      if ((FAMILIES as readonly string[]).includes(entry)) return names.filter((name) => name.startsWith(`${entry}.`));
      if (registry.has(entry as CheckName)) return [entry as CheckName];
      throw new SelectionError(`${flag} takes check names and families (${FAMILIES.join(", ")}); ${JSON.stringify(entry)} is neither. The checks: ${names.join(", ")}.`);
    });
  const kept = new Set(include && include.length > 0 ? expand(include, "--checks") : names);
  for (const name of expand(exclude ?? [], "--exclude-checks")) kept.delete(name);
  return kept;
}

/** A selection that names no check or family. */
export class SelectionError extends Error {
  override readonly name = "SelectionError";
}

/** The README's list of checks, rendered from the definitions. */
export function checksMarkdown(): string {
  const checks = registeredChecks();
  return FAMILIES.map((family) => {
    const lines = checks.filter((check) => check.family === family).map((check) => {
      const notes = [
        check.needs ? `needs ${check.needs}` : undefined,
        check.notInMock ? `not in the mock profile: ${check.notInMock}` : undefined,
        check.optIn ? `off unless ${check.optIn}` : undefined,
        check.gateway ? "in the gateway profile" : undefined,
      ].filter(Boolean);
      return `- **${check.name}**: ${check.rule}.${notes.length ? ` (${notes.join("; ")}.)` : ""}`;
    });
    return `#### ${family}\n\n${lines.join("\n")}`;
  }).join("\n\n");
}
