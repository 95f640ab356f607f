// A page of records as a tool result: capped in records and bytes, with the offset to continue
// from, and every epoch-milliseconds time field with an ISO 8601 copy beside it.

import type { OperationModel } from "@hss-kit/spec";
import type { ResultCaps } from "./tools.js";

/** What a paginated tool returns. */
export interface PageResult {
  total_num: number;
  /** Position of the first record of `data_list`. */
  offset: number;
  data_list: Record<string, unknown>[];
  /** Where the next records start: pass it as `offset`. Absent once the last record is in. */
  next_offset?: number;
  /** Why fewer records came back than asked for, when a cap cut the page short. */
  note?: string;
}

/** The largest time a Date can hold, in milliseconds either side of 1970. */
const MAX_DATE_MS = 8.64e15;

/** Adds `<field>_iso` right after each epoch-milliseconds field that holds a time. */
export function withReadableTimes(record: Record<string, unknown>, timeFields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    out[name] = value;
    const iso = `${name}_iso`;
    if (timeFields.has(name) && typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= MAX_DATE_MS && !(iso in record)) {
      out[iso] = new Date(value).toISOString();
    }
  }
  return out;
}

/** The time fields of an operation's records. */
export function timeFieldsOf(operation: OperationModel): Set<string> {
  return new Set(operation.fields.filter((field) => field.unit === "epoch-milliseconds").map((field) => field.name));
}

/**
 * Keeps the records of a page that fit: `wanted` of them at most, and no more JSON bytes than
 * `caps.maxBytes`. The first record that does not fit is where the next call starts.
 */
export function capPage(body: { total_num: number; data_list: unknown[] }, offset: number, wanted: number, caps: ResultCaps, timeFields: ReadonlySet<string>): PageResult {
  const kept: Record<string, unknown>[] = [];
  let bytes = 0;
  let note: string | undefined;
  for (const item of body.data_list.slice(0, wanted)) {
    const record = withReadableTimes(item as Record<string, unknown>, timeFields);
    const size = Buffer.byteLength(JSON.stringify(record));
    if (bytes + size > caps.maxBytes) {
      note = kept.length === 0
        ? `the record at offset ${offset} is ${size} bytes, more than the ${caps.maxBytes} a result may hold; it is skipped (next_offset is past it)`
        : `the result is capped at ${caps.maxBytes} bytes of records; the rest follow from next_offset`;
      break;
    }
    bytes += size;
    kept.push(record);
  }
  // A record too large for any result is stepped over, so the walk cannot stall on it.
  const consumed = kept.length === 0 && note !== undefined ? 1 : kept.length;
  const next = offset + consumed;
  return {
    total_num: body.total_num,
    offset,
    data_list: kept,
    ...(next < body.total_num && (consumed > 0 || body.data_list.length > 0) ? { next_offset: next } : {}),
    ...(note ? { note } : {}),
  };
}
