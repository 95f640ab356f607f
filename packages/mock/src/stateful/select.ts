// Filters and pages records as the spec's x-hss-* semantics say.
import type { FilterSemantics, Json, OperationModel, ParameterModel } from "@hss-kit/spec";
import type { StoredRecord } from "./dataset.js";
import type { Fault } from "./faults.js";
import type { Value } from "./query.js";

/** One page of an operation's answer. */
export interface Page {
  total_num: number;
  data_list: Record<string, Json>[];
}

function isMatch(filter: FilterSemantics, got: unknown, wanted: Value, partial: boolean, fault: Fault | undefined): boolean {
  if (filter.match === "at-least") return typeof got === "number" && typeof wanted === "number" && got >= wanted;
  if (filter.match === "at-most") return typeof got === "number" && typeof wanted === "number" && got <= wanted;
  if (typeof wanted !== "string" || typeof got !== "string") return got === wanted;
  const fold = (text: string) => (filter.caseSensitive && fault !== "filters.case-insensitive" ? text : text.toLowerCase());
  const aliases = Object.hasOwn(filter.aliases, wanted) && fault !== "filters.alias-ignored" ? filter.aliases[wanted]! : [];
  const accepted = [wanted, ...aliases].map(fold);
  const value = fold(got);
  return accepted.some((candidate) => (partial ? value.includes(candidate) : value === candidate));
}

/**
 * The filters of a request as predicates: each given filter, and each omitted one whose schema
 * has a default (which the server applies). `optional` are the ones the caller gave.
 */
function predicates(operation: OperationModel, values: ReadonlyMap<string, Value>, fault: Fault | undefined) {
  const given: ((record: StoredRecord) => boolean)[] = [];
  const defaults: ((record: StoredRecord) => boolean)[] = [];
  for (const parameter of operation.parameters) {
    const { filter } = parameter;
    if (!filter) continue;
    const value = values.get(parameter.name) ?? (fault === "filters.default-ignored" ? undefined : parameter.rules.default);
    if (value === undefined || (typeof value === "string" && filter.matchAll.includes(value))) continue;
    const switchedOn = filter.partialWith !== undefined && values.get(filter.partialWith) === true && fault !== "filters.part-match-ignored";
    const partial = filter.match === "partial" || switchedOn || fault === "filters.substring";
    const attribute = attributeOf(parameter);
    const keep = (record: StoredRecord) => isMatch(filter, attribute(record), value, partial, fault);
    (values.has(parameter.name) ? given : defaults).push(keep);
  }
  return { given, defaults };
}

function attributeOf(parameter: ParameterModel): (record: StoredRecord) => unknown {
  const field = parameter.filter?.field;
  return field === undefined ? (record) => record.hidden[parameter.name] : (record) => record.item[field];
}

/** The number of records a page holds when the request names none. */
function defaultLimit(operation: OperationModel, fault: Fault | undefined): number {
  const fallback = operation.parameters.find((p) => p.paging === "limit")?.rules.default;
  if (typeof fallback !== "number") return Number.POSITIVE_INFINITY;
  return fault === "pagination.default-limit" ? fallback * 2 : fallback;
}

/** Breaks the first field of an item with a value of the wrong type. */
function corrupted(item: Record<string, Json>): Record<string, Json> {
  const [name, value] = Object.entries(item)[0] ?? [];
  if (name === undefined) return item;
  return { ...item, [name]: typeof value === "string" ? 5 : String(value) };
}

/** An item whose epoch-millisecond fields are given in seconds. */
function inSeconds(operation: OperationModel, item: Record<string, Json>): Record<string, Json> {
  const copy = { ...item };
  for (const field of operation.fields) {
    const value = copy[field.name];
    if (field.unit === "epoch-milliseconds" && typeof value === "number") copy[field.name] = Math.floor(value / 1000);
  }
  return copy;
}

/** Selects and pages the records for a request, planting the fault when there is one. */
export function selectPage(
  operation: OperationModel,
  records: readonly StoredRecord[],
  values: ReadonlyMap<string, Value>,
  fault: Fault | undefined,
  repeated: boolean,
): Page {
  const { given, defaults } = predicates(operation, values, fault);
  const scoped = records.filter((record) => defaults.every((keep) => keep(record)));
  let matched = fault === "filters.ignored" ? scoped : scoped.filter((record) => given.every((keep) => keep(record)));
  const booleanGiven = operation.parameters.some((p) => p.filter && p.rules.type === "boolean" && values.has(p.name));
  if (fault === "filters.boolean-drops" && booleanGiven) matched = matched.filter((_, index) => index % 2 === 0);
  const limitName = operation.parameters.find((p) => p.paging === "limit")?.name;
  const offsetName = operation.parameters.find((p) => p.paging === "offset")?.name;
  let limit = limitName !== undefined && values.has(limitName) ? Number(values.get(limitName)) : defaultLimit(operation, fault);
  if (fault === "pagination.limit-capped") limit = Math.min(limit, 100);
  let offset = Math.max(0, offsetName !== undefined ? Number(values.get(offsetName) ?? 0) : 0);
  let ordered: readonly StoredRecord[] = matched;
  if (fault === "pagination.unstable-order" && limit > 10) ordered = [...matched].reverse();
  if (fault === "pagination.drops-last") ordered = ordered.slice(0, -1);
  if (fault === "pagination.past-end-wraps" && offset >= matched.length) offset = Math.max(0, matched.length - limit);
  const size = Math.max(0, fault === "pagination.limit-plus-one" ? limit + 1 : limit);
  let page = ordered.slice(offset, offset + size).map((record) => (fault === "conformance.body" ? corrupted(record.item) : record.item));
  if (fault === "conformance.seconds") page = page.map((item) => inSeconds(operation, item));
  if (fault === "pagination.nondeterministic" && repeated) page = [...page].reverse();
  let total = fault === "filters.total-unfiltered" ? scoped.length : matched.length;
  if (fault === "pagination.total-changes") total = Math.max(0, total - offset);
  return { total_num: total, data_list: page };
}
