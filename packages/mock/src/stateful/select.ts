// Filters and pages records as the spec's x-hss-* semantics say.
import type { FilterSemantics, Json, OperationModel, ParameterModel } from "@hss-kit/spec";
import type { Behaviour, Criterion, Selection } from "./behaviour.js";
import type { StoredRecord } from "./dataset.js";
import type { Value } from "./query.js";

/** One page of an operation's answer. */
export interface Page {
  total_num: number;
  data_list: Record<string, Json>[];
}

function isMatch(criterion: Criterion, got: unknown): boolean {
  const { wanted } = criterion;
  if (typeof wanted !== "string" || typeof got !== "string") return got === wanted;
  const fold = (text: string) => (criterion.caseSensitive ? text : text.toLowerCase());
  const accepted = [wanted, ...criterion.aliases].map(fold);
  const value = fold(got);
  return accepted.some((candidate) => (criterion.partial ? value.includes(candidate) : value === candidate));
}

function attributeOf(parameter: ParameterModel): (record: StoredRecord) => unknown {
  const field = parameter.filter?.field;
  return field === undefined ? (record) => record.hidden[parameter.name] : (record) => record.item[field];
}

/** Whether a record meets one filter's criterion. */
export function meetsCriterion(criterion: Criterion, record: StoredRecord): boolean {
  return isMatch(criterion, attributeOf(criterion.parameter)(record));
}

/**
 * What a request's filters select: `scoped` the records that the defaults of the filters it left
 * out keep, `matched` those that every filter keeps, each filter's rule given by `criterion`.
 */
export function selectRecords(
  operation: OperationModel,
  records: readonly StoredRecord[],
  values: ReadonlyMap<string, Value>,
  criterion: Behaviour["criterion"],
): { scoped: StoredRecord[]; matched: StoredRecord[] } {
  const given: ((record: StoredRecord) => boolean)[] = [];
  const defaults: ((record: StoredRecord) => boolean)[] = [];
  for (const parameter of operation.parameters) {
    if (!parameter.filter) continue;
    const rule = criterion(parameter as ParameterModel & { filter: FilterSemantics }, values);
    if (!rule) continue;
    const attribute = attributeOf(parameter);
    (rule.given ? given : defaults).push((record) => isMatch(rule, attribute(record)));
  }
  const scoped = records.filter((record) => defaults.every((keep) => keep(record)));
  return { scoped, matched: scoped.filter((record) => given.every((keep) => keep(record))) };
}

/** The page of limit `limit` from `offset` of the matched records, with their count. */
export function pageOf({ matched, limit, offset }: Selection): Page {
  const from = Math.max(0, offset);
  return { total_num: matched.length, data_list: matched.slice(from, from + Math.max(0, limit)).map((record) => record.item) };
}
