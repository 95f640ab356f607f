// The filter checks driven by the spec's x-hss-filter semantics: exact against partial matching,
// case, the partial-match switch, both values of a boolean, values outside ASCII, aliases,
// match-all values and defaults. Each takes its values from the operation's unfiltered answer.

import { meetsRules, type ParameterModel } from "@hss-kit/spec";
import type { Failure, Violation } from "../result.js";
import { preview } from "../schema.js";
import { Skip, type Exchange } from "../session.js";
import type { OperationModel } from "../spec.js";
import { failureOf, listBodyOf, type CheckContext, type ListBody, type PlannedCheck } from "./context.js";
import { filterParameters, pageSizeFor, unaliased, type VisibleFilter } from "./filters.js";
import type { CheckName } from "./registry.js";

type Item = Record<string, unknown>;
type Answer = { body: ListBody; exchange: Exchange };

/** Sends one filter query (on top of the required parameters and the page size), or returns why it has no list body. */
async function ask(context: CheckContext, check: CheckName, params: Record<string, string | number | boolean>): Promise<Answer | { failure: Failure }> {
  const pageSize = pageSizeFor(context.operation);
  const exchange = await context.session.send(
    { operation: context.operation, params: { ...context.base, ...(pageSize === undefined ? {} : { limit: pageSize }), ...params } },
    check,
  );
  const parsed = listBodyOf(context.session, exchange);
  return "failure" in parsed ? parsed : { body: parsed.body, exchange };
}

/** The operation's unfiltered answer, asked once for all the semantic checks of the operation. */
function unfilteredOnce(): (context: CheckContext) => Promise<Answer | { failure: Failure }> {
  let pending: Promise<Answer | { failure: Failure }> | undefined;
  return (context) => (pending ??= ask(context, "filters.match", {}));
}

/** Whether a text value meets the parameter's rules, so a server may not refuse it, and is no match-all value. */
function allowed(parameter: ParameterModel, value: string): boolean {
  return meetsRules(parameter.rules, value) && !(parameter.filter?.matchAll ?? []).includes(value);
}

/** Whether every item fits on the page, so the items of an answer are all the records it counts. */
const complete = (body: ListBody) => body.data_list.length >= body.total_num;

function strays(parameter: VisibleFilter, items: readonly Item[], keep: (got: unknown) => boolean, expected: string): Violation[] {
  const field = parameter.filter.field;
  const found = items.map((item, index) => ({ item, index })).filter(({ item }) => !keep(item[field]));
  return found.slice(0, 5).map(({ item, index }) => ({ where: `body.data_list[${index}].${field}`, expected, got: preview(item[field]) }));
}

/** A text value of the field in the unfiltered items that meets `wanted`, with the item it came from. */
function sample(parameter: VisibleFilter, body: ListBody, wanted: (value: string) => boolean): { value: string; item: Item } | undefined {
  for (const item of body.data_list) {
    const value = item[parameter.filter.field];
    if (typeof value === "string" && wanted(value) && allowed(parameter, unaliased(parameter.filter, value))) return { value: unaliased(parameter.filter, value), item };
  }
  return undefined;
}

const sameItem = (a: Item, b: Item) => JSON.stringify(a) === JSON.stringify(b);

/** ASCII only: values outside it are filters.non-ascii's, so that each check proves one thing. */
const ascii = (value: string) => /^[\x00-\x7f]*$/.test(value);

type Semantic = (parameter: VisibleFilter, context: CheckContext, unfiltered: ListBody) => Promise<Failure[]>;

function planned(check: CheckName, parameter: ParameterModel, unfiltered: ReturnType<typeof unfilteredOnce>, body: Semantic): PlannedCheck {
  return {
    check,
    subject: parameter.name,
    async run(context) {
      const answer = await unfiltered(context);
      if ("failure" in answer) return [answer.failure];
      return body(parameter as VisibleFilter, context, answer.body);
    },
  };
}

/** `filters.exact`: a value cut short matches only items that hold exactly the shorter value. */
const exact: Semantic = async (parameter, context, unfiltered) => {
  const source = sample(parameter, unfiltered, (value) => ascii(value) && [...value].length >= 2);
  if (!source) throw new Skip(`no item has a ${parameter.filter.field} of two characters or more to cut short`);
  const part = [...source.value].slice(0, -1).join("");
  if (!allowed(parameter, part)) throw new Skip(`${JSON.stringify(part)} is outside the rules of ${parameter.name}`);
  const answer = await ask(context, "filters.exact", { [parameter.name]: part });
  if ("failure" in answer) return [answer.failure];
  const violations = strays(parameter, answer.body.data_list, (got) => got === part || (typeof got === "string" && unaliased(parameter.filter, got) === part),
    `exactly ${JSON.stringify(part)} (${JSON.stringify(source.value)} cut short): ${parameter.name} matches whole values, x-hss-filter match: exact`);
  return violations.length === 0 ? [] : [failureOf(context.session, answer.exchange, violations)];
};

/** `filters.case`: a case-sensitive filter given the value in other case matches only that case. */
const caseSensitive: Semantic = async (parameter, context, unfiltered) => {
  const swap = (text: string) => [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
  const source = sample(parameter, unfiltered, (value) => ascii(value) && swap(value) !== value && allowed(parameter, swap(value)));
  if (!source) throw new Skip(`no item has a ${parameter.filter.field} with letters whose case can change`);
  const other = swap(source.value);
  const answer = await ask(context, "filters.case", { [parameter.name]: other });
  if ("failure" in answer) return [answer.failure];
  const violations = strays(parameter, answer.body.data_list, (got) => got === other,
    `exactly ${JSON.stringify(other)}, in that case (${JSON.stringify(source.value)} with its case swapped): ${parameter.name} is case-sensitive, x-hss-filter case: sensitive`);
  return violations.length === 0 ? [] : [failureOf(context.session, answer.exchange, violations)];
};

/** `filters.partial`: with the partial-match switch on, part of a value finds its item, and only items that contain it. */
const partial: Semantic = async (parameter, context, unfiltered) => {
  const switchName = parameter.filter.partialWith!;
  const source = sample(parameter, unfiltered, (value) => ascii(value) && [...value].length >= 3);
  if (!source) throw new Skip(`no item has a ${parameter.filter.field} of three characters or more`);
  const part = [...source.value].slice(1, -1).join("");
  if (!allowed(parameter, part)) throw new Skip(`${JSON.stringify(part)} is outside the rules of ${parameter.name}`);
  const answer = await ask(context, "filters.partial", { [parameter.name]: part, [switchName]: true });
  if ("failure" in answer) return [answer.failure];
  const violations = strays(parameter, answer.body.data_list, (got) => typeof got === "string" && got.includes(part),
    `a value containing ${JSON.stringify(part)}, as ${switchName}=true asks`);
  if (complete(answer.body) && !answer.body.data_list.some((item) => sameItem(item, source.item))) {
    violations.unshift({ where: "body.data_list", expected: `the item whose ${parameter.filter.field} is ${JSON.stringify(source.value)}: ${switchName}=true matches part of a value`, got: `${answer.body.data_list.length} items without it` });
  }
  return violations.length === 0 ? [] : [failureOf(context.session, answer.exchange, violations)];
};

/** `filters.boolean`: each value of a boolean filter selects the items with that value. */
const booleanValues: Semantic = async (parameter, context, unfiltered) => {
  const failures: Failure[] = [];
  for (const value of [true, false]) {
    const answer = await ask(context, "filters.boolean", { [parameter.name]: value });
    if ("failure" in answer) {
      failures.push(answer.failure);
      continue;
    }
    const violations = strays(parameter, answer.body.data_list, (got) => got === value, `${value}, as ${parameter.name}=${value} selects`);
    const expected = unfiltered.data_list.filter((item) => item[parameter.filter.field] === value).length;
    if (complete(unfiltered) && complete(answer.body) && answer.body.total_num !== expected) {
      violations.unshift({ where: "body.total_num", expected: `${expected}: the unfiltered answer holds that many items with ${parameter.filter.field} ${value}`, got: String(answer.body.total_num) });
    }
    if (violations.length > 0) failures.push(failureOf(context.session, answer.exchange, violations));
  }
  return failures;
};

/** `filters.non-ascii`: a value outside ASCII finds the item it came from. */
const nonAscii: Semantic = async (parameter, context, unfiltered) => {
  const source = sample(parameter, unfiltered, (value) => /[^\x00-\x7f]/.test(value));
  if (!source) throw new Skip(`no item has a ${parameter.filter.field} outside ASCII`);
  const answer = await ask(context, "filters.non-ascii", { [parameter.name]: source.value });
  if ("failure" in answer) return [answer.failure];
  const violations = strays(parameter, answer.body.data_list, (got) => got === source.value || (typeof got === "string" && unaliased(parameter.filter, got) === source.value),
    `${JSON.stringify(source.value)}, read from the query as UTF-8`);
  if (!answer.body.data_list.some((item) => sameItem(item, source.item)) && complete(answer.body)) {
    violations.unshift({ where: "body.data_list", expected: `the item whose ${parameter.filter.field} is ${JSON.stringify(source.value)} (sent as UTF-8, percent-encoded)`, got: `${answer.body.data_list.length} items without it` });
  }
  return violations.length === 0 ? [] : [failureOf(context.session, answer.exchange, violations)];
};

/** `filters.alias`: a value with aliases also finds the items that hold an alias. */
const alias: Semantic = async (parameter, context, unfiltered) => {
  const failures: Failure[] = [];
  let tried = 0;
  for (const [value, also] of Object.entries(parameter.filter.aliases)) {
    const accepted = [value, ...also];
    const holding = unfiltered.data_list.filter((item) => also.includes(item[parameter.filter.field] as string));
    if (holding.length === 0 || !complete(unfiltered)) continue;
    tried++;
    const answer = await ask(context, "filters.alias", { [parameter.name]: value });
    if ("failure" in answer) {
      failures.push(answer.failure);
      continue;
    }
    const expected = unfiltered.data_list.filter((item) => accepted.includes(item[parameter.filter.field] as string)).length;
    const violations = strays(parameter, answer.body.data_list, (got) => accepted.includes(got as string), `one of ${accepted.join(", ")}`);
    if (complete(answer.body) && answer.body.total_num !== expected) {
      violations.unshift({
        where: "body.total_num",
        expected: `${expected}: ${parameter.name}=${value} also matches ${also.join(", ")} (x-hss-filter aliases), and the unfiltered answer holds ${expected} such items`,
        got: String(answer.body.total_num),
      });
    }
    if (violations.length > 0) failures.push(failureOf(context.session, answer.exchange, violations));
  }
  if (tried === 0) throw new Skip(`no item of the unfiltered answer holds an alias of a ${parameter.name} value`);
  return failures;
};

/** The checks of a filter parameter whose field the items carry. */
function visibleChecks(parameter: VisibleFilter, unfiltered: ReturnType<typeof unfilteredOnce>): PlannedCheck[] {
  const { filter, rules } = parameter;
  const checks: PlannedCheck[] = [];
  const text = rules.type === "string" && rules.enum === undefined;
  if (text && filter.match === "exact") checks.push(planned("filters.exact", parameter, unfiltered, exact));
  if (text && filter.caseSensitive) checks.push(planned("filters.case", parameter, unfiltered, caseSensitive));
  if (text && filter.partialWith !== undefined) checks.push(planned("filters.partial", parameter, unfiltered, partial));
  if (text) checks.push(planned("filters.non-ascii", parameter, unfiltered, nonAscii));
  if (rules.type === "boolean") checks.push(planned("filters.boolean", parameter, unfiltered, booleanValues));
  if (Object.keys(filter.aliases).length > 0) checks.push(planned("filters.alias", parameter, unfiltered, alias));
  return checks;
}

/** `filters.match-all`: each value that selects everything is accepted and narrows nothing. */
function matchAllCheck(parameter: ParameterModel, value: string): PlannedCheck {
  return {
    check: "filters.match-all",
    subject: `${parameter.name}=${value}`,
    async run(context) {
      const without = await ask(context, "filters.match-all", {});
      if ("failure" in without) return [without.failure];
      const answer = await ask(context, "filters.match-all", { [parameter.name]: value });
      if ("failure" in answer) return [answer.failure];
      if (answer.body.total_num >= without.body.total_num) return [];
      return [failureOf(context.session, answer.exchange, [{
        where: "body.total_num",
        expected: `at least ${without.body.total_num}, the total without ${parameter.name}: ${value} selects every record (x-hss-filter match-all)`,
        got: String(answer.body.total_num),
      }])];
    },
  };
}

/** `filters.default`: the filter left out selects what its documented default does. */
function defaultCheck(parameter: ParameterModel, value: string | number | boolean): PlannedCheck {
  return {
    check: "filters.default",
    subject: `${parameter.name} omitted = ${String(value)}`,
    async run(context) {
      const omitted = await ask(context, "filters.default", {});
      if ("failure" in omitted) return [omitted.failure];
      const explicit = await ask(context, "filters.default", { [parameter.name]: value });
      if ("failure" in explicit) return [explicit.failure];
      if (omitted.body.total_num === explicit.body.total_num && JSON.stringify(omitted.body.data_list) === JSON.stringify(explicit.body.data_list)) return [];
      return [failureOf(context.session, omitted.exchange, [{
        where: "body",
        expected: `the answer to ${parameter.name}=${String(value)} (total_num ${explicit.body.total_num}): the spec's default of ${parameter.name} applies when it is left out`,
        got: `total_num ${omitted.body.total_num}${omitted.body.total_num === explicit.body.total_num ? ", other items" : ""}`,
      }])];
    },
  };
}

/** The semantic filter checks of one operation. */
export function filterSemanticChecks(operation: OperationModel): PlannedCheck[] {
  const unfiltered = unfilteredOnce();
  const checks = filterParameters(operation).filter((p) => !p.required).flatMap((parameter) => visibleChecks(parameter, unfiltered));
  for (const parameter of operation.parameters) {
    if (!parameter.filter || parameter.required) continue;
    for (const value of parameter.filter.matchAll) checks.push(matchAllCheck(parameter, value));
    const fallback = parameter.rules.default;
    if (fallback !== undefined && !(typeof fallback === "string" && parameter.filter.matchAll.includes(fallback))) checks.push(defaultCheck(parameter, fallback));
  }
  return checks;
}
