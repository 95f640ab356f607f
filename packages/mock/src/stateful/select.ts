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

function isMatch(filter: FilterSemantics, got: unknown, wanted: Value, partial: boolean): boolean {
  if (typeof wanted !== "string" || typeof got !== "string") return got === wanted;
  const fold = (text: string) => (filter.caseSensitive ? text : text.toLowerCase());
  const accepted = [wanted, ...(Object.hasOwn(filter.aliases, wanted) ? filter.aliases[wanted]! : [])].map(fold);
  const value = fold(got);
  return accepted.some((candidate) => (partial ? value.includes(candidate) : value === candidate));
}

/**
 * The filters of a request as predicates: each given filter, and each omitted one whose schema
 * has a default (which the server applies). `optional` are the ones the caller gave.
 */
function predicates(operation: OperationModel, values: ReadonlyMap<string, Value>) {
  const given: ((record: StoredRecord) => boolean)[] = [];
  const defaults: ((record: StoredRecord) => boolean)[] = [];
  for (const parameter of operation.parameters) {
    const { filter } = parameter;
    if (!filter) continue;
    const value = values.get(parameter.name) ?? parameter.rules.default;
    if (value === undefined || (typeof value === "string" && filter.matchAll.includes(value))) continue;
    const partial = filter.match === "partial" || (filter.partialWith !== undefined && values.get(filter.partialWith) === true);
    const attribute = attributeOf(parameter);
    const keep = (record: StoredRecord) => isMatch(filter, attribute(record), value, partial);
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

/** Selects and pages the records for a request, planting the fault when there is one. */
export function selectPage(
  operation: OperationModel,
  records: readonly StoredRecord[],
  values: ReadonlyMap<string, Value>,
  fault: Fault | undefined,
  repeated: boolean,
): Page {
  const { given, defaults } = predicates(operation, values);
  const scoped = records.filter((record) => defaults.every((keep) => keep(record)));
  const matched = fault === "filters.ignored" ? scoped : scoped.filter((record) => given.every((keep) => keep(record)));
  const limitName = operation.parameters.find((p) => p.paging === "limit")?.name;
  const offsetName = operation.parameters.find((p) => p.paging === "offset")?.name;
  const limit = limitName !== undefined && values.has(limitName) ? Number(values.get(limitName)) : defaultLimit(operation, fault);
  let offset = Math.max(0, offsetName !== undefined ? Number(values.get(offsetName) ?? 0) : 0);
  let ordered: readonly StoredRecord[] = matched;
  if (fault === "pagination.unstable-order" && limit > 10) ordered = [...matched].reverse();
  if (fault === "pagination.drops-last") ordered = ordered.slice(0, -1);
  if (fault === "pagination.past-end-wraps" && offset >= matched.length) offset = Math.max(0, matched.length - limit);
  const size = Math.max(0, fault === "pagination.limit-plus-one" ? limit + 1 : limit);
  let page = ordered.slice(offset, offset + size).map((record) => (fault === "conformance.body" ? corrupted(record.item) : record.item));
  if (fault === "pagination.nondeterministic" && repeated) page = [...page].reverse();
  let total = fault === "filters.total-unfiltered" ? scoped.length : matched.length;
  if (fault === "pagination.total-changes") total = Math.max(0, total - offset);
  return { total_num: total, data_list: page };
}
