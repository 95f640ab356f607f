import type { Failure, Violation } from "../result.js";
import { preview } from "../schema.js";
import { Skip, type Exchange } from "../session.js";
import type { FilterSemantics } from "@hss-kit/spec";
import type { OperationModel, ParameterModel } from "../spec.js";
import { failureOf, listBodyOf, queryParameter, type CheckContext, type ListBody } from "./context.js";
import { defineCheck, type CheckName } from "./registry.js";

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
export function asFilterValue(parameter: VisibleFilter, value: unknown): string | number | boolean | undefined {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
  const resolved = typeof value === "string" ? unaliased(parameter.filter, value) : value;
  if (typeof resolved === "string" && parameter.filter.matchAll.includes(resolved)) return undefined;
  // Values outside ASCII are filters.non-ascii's to try, so that each check proves one thing.
  if (typeof resolved === "string" && /[^\x00-\x7f]/.test(resolved)) return undefined;
  const { rules: schema } = parameter;
  if (schema.enum && !schema.enum.includes(resolved)) return undefined;
  if (typeof resolved === "string") {
    if (schema.minLength !== undefined && resolved.length < schema.minLength) return undefined;
    if (schema.maxLength !== undefined && resolved.length > schema.maxLength) return undefined;
  }
  if (typeof resolved === "number") {
    if (schema.minimum !== undefined && resolved < schema.minimum) return undefined;
    if (schema.maximum !== undefined && resolved > schema.maximum) return undefined;
  }
  return resolved;
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

/** The filter query of a parameter, sent once and shared by the two checks of that parameter. */
function filterQuery(context: CheckContext, parameter: VisibleFilter): Promise<FilterOutcome> {
  return context.shared(`filters.query ${parameter.name}`, async (): Promise<FilterOutcome> => {
    const pageSize = pageSizeFor(context.operation);
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
  });
}

/** Whether an item meets a filter as the spec's semantics say, with `part_match` left at its default. */
export function matches(parameter: VisibleFilter, item: Record<string, unknown>, value: string | number | boolean): boolean {
  const { filter } = parameter;
  const got = item[filter.field];
  if (typeof got !== "string" || typeof value !== "string") return got === value;
  const fold = (text: string) => (filter.caseSensitive ? text : text.toLowerCase());
  const candidates = [got, unaliased(filter, got)].map(fold);
  const wanted = fold(value);
  return candidates.some((candidate) => (filter.match === "partial" ? candidate.includes(wanted) : candidate === wanted));
}

const STATELESS = "a stateless mock returns the same example whatever the filter";

/** Defines a check planned once per filter parameter whose matched field the items carry. */
function perVisibleFilter(name: CheckName, rule: string, run: (context: CheckContext, parameter: VisibleFilter, result: FilterOutcome & { ok: true }) => Failure[] | Promise<Failure[]>): void {
  defineCheck({
    name,
    rule,
    notInMock: STATELESS,
    plan: (operation) => filterParameters(operation).map((parameter) => ({
      subject: parameter.name,
      async run(context) {
        const result = await filterQuery(context, parameter);
        return result.ok ? run(context, parameter, result) : [result.failure];
      },
    })),
  });
}

perVisibleFilter(
  "filters.match",
  "a filter given a value taken from an item returns that item, and only items whose field (the one `x-hss-filter` names) has that value (or an alias of it)",
  (context, parameter, { value, filtered, exchange }) => {
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
);

perVisibleFilter(
  "filters.total",
  "the filtered `total_num` never exceeds the unfiltered one, and equals the number of matching items the pages hold when they are counted from offset 0 to the end",
  async (context, parameter, { value, filtered, unfiltered, exchange }) => {
    const violations: Violation[] = [];
    if (unfiltered && filtered.total_num > unfiltered.total_num) {
      violations.push({ where: "body.total_num", expected: `at most ${unfiltered.total_num}, the unfiltered total`, got: String(filtered.total_num) });
    }
    const counted = await countMatches(context, parameter, value, filtered);
    if (counted !== undefined && counted.items !== filtered.total_num) {
      violations.push({
        where: "body.total_num",
        expected: `${counted.items}, the matching items the pages hold (${counted.pages} page(s) from offset 0 until one came back empty)`,
        got: counted.items < filtered.total_num
          ? `${filtered.total_num}: total_num counts ${filtered.total_num - counted.items} record(s) that no page returns, or the pages leave out records they count (pagination.walk tells which)`
          : `${filtered.total_num}: fewer than the pages hold`,
      });
    }
    return violations.length === 0 ? [] : [failureOf(context.session, exchange, violations)];
  },
);

/** Most pages `filters.total` reads to count a filter's matches. */
const MAX_COUNT_PAGES = 10;

/**
 * The number of items the filtered pages hold, read from offset 0 until a page comes back empty
 * or short of nothing more to count; undefined when the matches take more than {@link MAX_COUNT_PAGES}
 * pages or the operation has no offset. A server that caps its pages below `limit` still gets
 * every match counted, since each page starts where the items seen so far end.
 */
async function countMatches(context: CheckContext, parameter: VisibleFilter, value: string | number | boolean, first: ListBody): Promise<{ items: number; pages: number } | undefined> {
  const pageSize = pageSizeFor(context.operation);
  const offset = queryParameter(context.operation, "offset");
  if (pageSize === undefined || offset?.rules.type !== "integer") return first.data_list.length < (pageSize ?? Number.POSITIVE_INFINITY) ? { items: first.data_list.length, pages: 1 } : undefined;
  let items = first.data_list.length;
  let pages = 1;
  let last = first.data_list.length;
  while (last > 0 && pages < MAX_COUNT_PAGES) {
    const exchange = await context.session.send(
      { operation: context.operation, params: { ...context.base, limit: pageSize, [offset.name]: items, [parameter.name]: value } },
      "filters.total",
    );
    const parsed = listBodyOf(context.session, exchange);
    if ("failure" in parsed) return undefined;
    pages++;
    last = parsed.body.data_list.length;
    items += last;
  }
  return last === 0 ? { items, pages } : undefined;
}
