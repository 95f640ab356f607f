// The flags every subcommand takes, named as the AWS CLI names them, and how a flag's text
// becomes a parameter value.

import type { ParameterModel } from "@hss-kit/spec";
import { OUTPUT_FORMATS } from "./output.js";

/** A flag of every subcommand. */
export interface GlobalFlag {
  readonly name: string;
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** The value in `--help`, such as `URL`. */
  readonly value?: string;
  readonly description: string;
  /** The values allowed, for help and completion. */
  readonly values?: readonly string[];
}

/** The global flags, in the order `--help` lists them. */
export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  { name: "output", short: "o", type: "string", value: "FORMAT", values: OUTPUT_FORMATS, description: "json (default), ndjson (one record a line), csv or table" },
  { name: "fields", type: "string", value: "A,B", description: "only these fields of each record, in this order (see the subcommand's --help for its fields)" },
  { name: "all", type: "boolean", description: "walk every page (within the client's throttle budget), progress on stderr; --limit is then the page size" },
  { name: "max-items", type: "string", value: "N", description: "with --all: stop after N records" },
  { name: "dry-run", type: "boolean", description: "print the request as a curl command instead of sending it (secrets as shell variables)" },
  { name: "region", type: "string", value: "REGION", description: "region of the endpoint, such as cn-north-4; also fills a region header" },
  { name: "project-id", type: "string", value: "ID", description: "project to address (default: $HUAWEICLOUD_SDK_PROJECT_ID; with AK/SK and --region, found through IAM)" },
  { name: "endpoint-url", type: "string", value: "URL", description: "send to this URL instead of the region's endpoint: a proxy, a private gateway or a mock" },
  { name: "timeout", type: "string", value: "MS", description: "milliseconds one attempt may take (default 30000); waits for the throttle budget are not counted" },
  { name: "rate-limit", type: "string", value: "N/WINDOW", description: "the request budget per operation: N/WINDOW such as 5/1m, or off (default: the spec's, 5 a minute; also $HSS_RATE_LIMIT). Off only where nothing throttles, such as the stateful mock" },
  { name: "max-retries", type: "string", value: "N", description: "retries after a 429, a 5xx or a network error (default 2; 0 turns retrying off)" },
  { name: "help", short: "h", type: "boolean", description: "show help" },
  { name: "version", type: "boolean", description: "show the version" },
];

/**
 * The value a flag's text stands for, by the parameter's type: an integer's digits become a
 * number and `true`/`false` a boolean. Anything else stays text, for the client's check of the
 * spec's rules to refuse with what is allowed.
 */
export function parameterValue(parameter: ParameterModel, text: string): unknown {
  if (parameter.rules.type === "integer" && /^-?\d{1,16}$/.test(text)) return Number(text);
  if (parameter.rules.type === "number" && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  if (parameter.rules.type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** Says what a parameter takes, for `--help`: type, range or length, values and default. */
export function describeParameter(parameter: ParameterModel): string {
  const { type, format, enum: values, minimum, maximum, minLength, maxLength, default: fallback } = parameter.rules;
  const parts: string[] = [];
  if (values) parts.push(`one of ${values.join(", ")}`);
  else if (type === "boolean") parts.push("true or false");
  else if (type) parts.push(format ? `${type} (${format})` : type);
  if (minimum !== undefined || maximum !== undefined) parts.push(`${minimum ?? "…"} to ${maximum ?? "…"}`);
  if (minLength || maxLength !== undefined) parts.push(`${minLength ?? 0} to ${maxLength ?? "…"} characters`);
  if (fallback !== undefined) parts.push(`default ${String(fallback)}`);
  if (parameter.required) parts.push("required");
  return parts.join(", ");
}
