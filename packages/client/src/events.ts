// What a client reports as it works, one event at a time: each attempt, its response or failure,
// and each wait. URLs are redacted before they get here; an error is one of the client's own.

import type { HssError } from "./errors.js";

/** One thing that happened during a call; `attempt` counts from 1. */
export type HssClientEvent =
  | { type: "request"; operationId: string | undefined; method: string; url: string; attempt: number }
  | {
      type: "response";
      operationId: string | undefined;
      method: string;
      url: string;
      attempt: number;
      status: number;
      requestId: string | undefined;
      durationMs: number;
    }
  | { type: "error"; operationId: string | undefined; method: string; url: string; attempt: number; error: HssError }
  | { type: "wait"; operationId: string | undefined; attempt: number; waitMs: number; reason: "budget" | "rate-limited" | "retry" };
