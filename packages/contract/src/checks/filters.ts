import type { Failure, Violation } from "../result.js";
import { preview } from "../schema.js";
import { Skip, type Exchange } from "../session.js";
import { meetsRules, type FilterSemantics } from "@hss-kit/spec";
import type { OperationModel, ParameterModel } from "../spec.js";
import { failureOf, listBodyOf, queryParameter, type CheckContext, type ListBody, type PlannedCheck } from "./context.js";

/** A filter parameter whose matched field the response items carry. */
export type VisibleFilter = ParameterModel & { filter: FilterSemantics & { field: string } };

/** Page size for the filter queries where the spec gives no maximum limit. */
const UNBOUNDED_PAGE_SIZE = 100;

/**
 * The filters of an operation whose `x-hss-filter` names a field of its response items of the
 * parameter's type, so that what a filter selected can be seen in the answer.
 */
export function filterParameters(operation: OperationModel): VisibleFilter[] {
  return operation.parameters.filter((parameter): parameter is VisibleFilter => {
    const field = operation.fields.find((f) => f.name === parameter.filter?.field);
    return parameter.in === "query" && field !== undefined && field.schema.type === parameter.rules.type;
  });
}

/** The request value a response value stands for: itself, or the value it is an alias of. */
export function unaliased(filter: FilterSemantics, value: string): string {
  return Object.entries(filter.aliases).find(([, also]) => also.includes(value))?.[0] ?? value;
}

/** The value an item's field stands for as a filter value (aliases resolved), or undefined. */
function asFilterValue(parameter: VisibleFilter, value: unknown): string | number | boolean | undefined {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
  const resolved = typeof value === "string" ? unaliased(parameter.filter, value) : value;
  if (typeof resolved === "string" && parameter.filter.matchAll.includes(resolved)) return undefined;
  // Values outside ASCII are filters.non-ascii's to try, so that each check proves one thing.
  if (typeof resolved === "string" && /[^\x00-\x7f]/.test(resolved)) return undefined;
  return meetsRules(parameter.rules, resolved) ? resolved : undefined;
}

/** The rarest filter value among the items, so a server ignoring the filter shows. */
function pickValue(parameter: VisibleFilter, items: Record<string, unknown>[]): string | number | boolean | undefined {
  const counts = new Map<string | number | boolean, number>();
  for (const item of items) {
    const value = asFilterValue(parameter, item[parameter.filter.field]);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: [string | number | boolean, number] | undefined;
  for (const entry of counts) if (!best || entry[1] < best[1]) best = entry;
  return best?.[0];
}

export function pageSizeFor(operation: OperationModel): number | undefined {
  const limit = queryParameter(operation, "limit");
  if (limit?.rules.type !== "integer") return undefined;
  return limit.rules.maximum ?? UNBOUNDED_PAGE_SIZE;
}

/** The filtered answer (and the unfiltered one it is compared with), or why there is none. */
type FilterOutcome =
  | { ok: true; value: string | number | boolean; unfiltered?: ListBody; filtered: ListBody; exchange: Exchange }
  | { ok: false; failure: Failure };

/** One lazily sent filter query, shared by the two checks of a parameter. */
function filterQuery(parameter: VisibleFilter, pageSize: number | undefined): (context: CheckContext) => Promise<FilterOutcome> {
  let pending: Promise<FilterOutcome> | undefined;
  return (context: CheckContext) => {
    pending ??= (async () => {
      const paging = pageSize === undefined ? {} : { limit: pageSize };
      let unfiltered: ListBody | undefined;
      let value = parameter.required ? context.base[parameter.name] : undefined;
      if (value === undefined) {
        const exchange = await context.session.send({ operation: context.operation, params: { ...context.base, ...paging } }, "filters");
        const parsed = listBodyOf(context.session, exchange);
        if ("failure" in parsed) return { ok: false, failure: parsed.failure };
        unfiltered = parsed.body;
        value = pickValue(parameter, unfiltered.data_list);
        if (value === undefined) throw new Skip(`no item of the unfiltered answer has a ${parameter.filter.field} usable as a value of ${parameter.name}`);
      }
      const exchange = await context.session.send(
        { operation: context.operation, params: { ...context.base, ...paging, [parameter.name]: value } },
        "filters",
      );
      const parsed = listBodyOf(context.session, exchange);
      if ("failure" in parsed) return { ok: false, failure: parsed.failure };
      return { ok: true, value, ...(unfiltered ? { unfiltered } : {}), filtered: parsed.body, exchange };
    })();
    return pending;
  };
}

/** Whether an item meets a filter as the spec's semantics say, with `part_match` left at its default. */
function matches(parameter: VisibleFilter, item: Record<string, unknown>, value: string | number | boolean): boolean {
  const { filter } = parameter;
  const got = item[filter.field];
  if (typeof got !== "string" || typeof value !== "string") return got === value;
  const fold = (text: string) => (filter.caseSensitive ? text : text.toLowerCase());
  const candidates = [got, unaliased(filter, got)].map(fold);
  const wanted = fold(value);
  return candidates.some((candidate) => (filter.match === "partial" ? candidate.includes(wanted) : candidate === wanted));
}

/**
 * The filter checks of one operation, per query parameter that names a response field:
 * `filters.match` (every returned item has the filtered value, and the item the value was taken
 * from is found) and `filters.total` (the filtered total never exceeds the unfiltered one, and
 * equals the number of items when they all fit on one page).
 */
export function filterChecks(operation: OperationModel): PlannedCheck[] {
  const pageSize = pageSizeFor(operation);
  return filterParameters(operation).flatMap((parameter): PlannedCheck[] => {
    const query = filterQuery(parameter, pageSize);
    return [
      {
        check: "filters.match",
        subject: parameter.name,
        async run(context) {
          const result = await query(context);
          if (!result.ok) return [result.failure];
          const { value, filtered, exchange } = result;
          if (filtered.data_list.length === 0) {
            return [failureOf(context.session, exchange, [{ where: "body.data_list", expected: `the items with ${parameter.filter.field} ${JSON.stringify(value)} (at least the one the value came from)`, got: "no items" }])];
          }
          const strays = filtered.data_list.map((item, index) => ({ item, index })).filter(({ item }) => !matches(parameter, item, value));
          if (strays.length === 0) return [];
          return [failureOf(context.session, exchange, strays.slice(0, 5).map(({ item, index }) => ({
            where: `body.data_list[${index}].${parameter.filter.field}`,
            expected: `${JSON.stringify(value)}, as ${parameter.name}=${String(value)} selects`,
            got: preview(item[parameter.filter.field]),
          })), strays.length > 5 ? `${strays.length} items do not match; the first 5 are shown` : undefined)];
        },
      },
      {
        check: "filters.total",
        subject: parameter.name,
        async run(context) {
          const result = await query(context);
          if (!result.ok) return [result.failure];
          const { filtered, unfiltered, exchange } = result;
          const violations: Violation[] = [];
          if (unfiltered && filtered.total_num > unfiltered.total_num) {
            violations.push({ where: "body.total_num", expected: `at most ${unfiltered.total_num}, the unfiltered total`, got: String(filtered.total_num) });
          }
          const onePage = pageSize === undefined || filtered.data_list.length < pageSize;
          if (onePage && filtered.total_num !== filtered.data_list.length) {
            violations.push({ where: "body.total_num", expected: `${filtered.data_list.length}: every match fits on this one page`, got: String(filtered.total_num) });
          }
          return violations.length === 0 ? [] : [failureOf(context.session, exchange, violations)];
        },
      },
    ];
  });
}
