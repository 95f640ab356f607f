// The client's one way to report: every event goes to `onEvent` and, as one redacted line, to the
// logger, at a level the caller or `HSS_LOG` chooses (as openai-node's OPENAI_LOG does).

import { HssConfigurationError } from "./errors.js";
import type { HssClientEvent } from "./events.js";
import type { Redactor } from "./redact.js";

/** Where log lines go: `console`, or any object with these four methods (pino, winston, ...). */
export interface HssLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** How much is logged: every line at or above this level; `off` logs nothing. */
export type HssLogLevel = "debug" | "info" | "warn" | "error" | "off";

/** The environment variable that sets the log level when the options do not. */
export const LOG_ENV = "HSS_LOG";

const LEVELS: readonly HssLogLevel[] = ["debug", "info", "warn", "error", "off"];

/** The level of the options, or of the environment, or `warn`. */
export function logLevelOf(given: unknown, env: Readonly<Record<string, string | undefined>>): HssLogLevel {
  const [value, source] = given !== undefined ? [given, "logLevel"] : [env[LOG_ENV] || undefined, LOG_ENV];
  if (value === undefined) return "warn";
  if (!LEVELS.includes(value as HssLogLevel)) {
    throw new HssConfigurationError(`${source} must be one of ${LEVELS.join(", ")}; got ${JSON.stringify(value)}.`);
  }
  return value as HssLogLevel;
}

/** The level of each kind of event: what every attempt does is detail, a wait or a failure is news. */
const LEVEL_OF: Record<HssClientEvent["type"], Exclude<HssLogLevel, "off">> = { request: "debug", response: "debug", wait: "info", error: "info" };

/** The log line of an event. */
function lineOf(event: HssClientEvent): string {
  const call = event.operationId ?? "request";
  switch (event.type) {
    case "request":
      return `${call} attempt ${event.attempt}: ${event.method} ${event.url}`;
    case "response": {
      const id = event.requestId === undefined ? "" : ` (request id ${event.requestId})`;
      return `${call} attempt ${event.attempt}: HTTP ${event.status} in ${event.durationMs} ms${id}`;
    }
    case "wait":
      return `${call}: waiting ${event.waitMs} ms before attempt ${event.attempt} (${event.reason})`;
    case "error":
      return `${call} attempt ${event.attempt} failed: ${event.error.message}`;
  }
}

/** Builds the function that reports each event to `onEvent` and the logger. */
export function createEventSink(
  onEvent: ((event: HssClientEvent) => void) | undefined,
  logger: HssLogger | undefined,
  level: HssLogLevel,
  redactor: Redactor,
): (event: HssClientEvent) => void {
  const least = LEVELS.indexOf(level);
  const out = logger ?? console;
  return (event) => {
    onEvent?.(event);
    const level = LEVEL_OF[event.type];
    if (LEVELS.indexOf(level) >= least) out[level](redactor.text(`[hss-kit] ${lineOf(event)}`));
  };
}
