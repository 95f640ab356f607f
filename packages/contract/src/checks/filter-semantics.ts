// The filter checks driven by the spec's x-hss-filter semantics: exact against partial matching,
// case, the partial-match switch, both values of a boolean, values outside ASCII, aliases,
// match-all values and defaults. Each takes its values from the operation's unfiltered answer.

import type { ParameterModel } from "@hss-kit/spec";
import type { Failure, Violation } from "../result.js";
import { preview } from "../schema.js";
import { Skip, type Exchange } from "../session.js";
import type { OperationModel } from "../spec.js";
import { failureOf, listBodyOf, type CheckContext, type ListBody } from "./context.js";
import { asFilterValue, filterParameters, matches, pageSizeFor, unaliased, type VisibleFilter } from "./filters.js";
import { defineCheck, type CheckName } from "./registry.js";

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
function unfiltered(context: CheckContext): Promise<Answer | { failure: Failure }> {
  return context.shared("filters.unfiltered", () => ask(context, "filters.match", {}));
}

/** Whether a text value meets the parameter's rules, so a server may not refuse it. */
function allowed(parameter: ParameterModel, value: string): boolean {
  const { rules } = parameter;
  const length = [...value].length;
  return (rules.enum === undefined || rules.enum.includes(value))
    && (rules.minLength === undefined || length >= rules.minLength)
    && (rules.maxLength === undefined || length <= rules.maxLength)
    && !(parameter.filter?.matchAll ?? []).includes(value);
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

const STATELESS = "a stateless mock returns the same example whatever the filter";

/**
 * Defines a semantic check, planned for each optional filter parameter whose field the items
 * carry and to which it `applies`; its values come from the operation's unfiltered answer.
 */
function semanticCheck(name: CheckName, rule: string, needs: string, applies: (parameter: VisibleFilter) => boolean, body: Semantic): void {
  defineCheck({
    name,
    rule,
    needs,
    notInMock: STATELESS,
    plan: (operation) => filterParameters(operation).filter((p) => !p.required && applies(p)).map((parameter) => ({
      subject: parameter.name,
      async run(context) {
        const answer = await unfiltered(context);
        if ("failure" in answer) return [answer.failure];
        return body(parameter, context, answer.body);
      },
    })),
  });
}

/** A text filter: a string without an enum. */
const isText = (parameter: VisibleFilter) => parameter.rules.type === "string" && parameter.rules.enum === undefined;

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

semanticCheck("filters.exact", "a filter that matches exactly does not match part of a value: a value cut short returns only items that hold exactly the shorter value",
  "a text filter with match: exact", (p) => isText(p) && p.filter.match === "exact", exact);
semanticCheck("filters.case", "a case-sensitive filter given a value in other case returns only items that hold exactly that case",
  "a text filter with case: sensitive and a value with letters", (p) => isText(p) && p.filter.caseSensitive, caseSensitive);
semanticCheck("filters.partial", "with the partial-match switch on (`part_match=true`), part of a value returns the item it came from, and only items that contain it",
  "a filter with partial-with", (p) => isText(p) && p.filter.partialWith !== undefined, partial);
semanticCheck("filters.boolean", "a boolean filter selects by both of its values: `true` only items with `true`, `false` only items with `false`",
  "a boolean filter", (p) => p.rules.type === "boolean", booleanValues);
semanticCheck("filters.non-ascii", "a value outside ASCII (such as a Chinese server name) taken from an item returns that item, sent as UTF-8",
  "an item whose filtered field holds a non-ASCII value", isText, nonAscii);
semanticCheck("filters.alias", "a value with aliases (`status=unknown`) also returns the items that hold an alias (`unknow`)",
  "a filter with aliases, and an item that holds an alias", (p) => Object.keys(p.filter.aliases).length > 0, alias);

/** The optional parameters with filter semantics, whether or not the items carry their field. */
const optionalFilters = (operation: OperationModel) => operation.parameters.filter((p) => p.filter && !p.required);

defineCheck({
  name: "filters.match-all",
  rule: "a value that selects everything (`all_granted_eps`) is accepted and returns at least what the call without it does",
  needs: "a filter with match-all values",
  plan: (operation) => optionalFilters(operation).flatMap((parameter) => (parameter.filter?.matchAll ?? []).map((value) => ({
    subject: `${parameter.name}=${value}`,
    async run(context: CheckContext) {
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
  }))),
});

defineCheck({
  name: "filters.default",
  rule: "a filter left out selects what its documented default does (`category` omitted is `category=host`)",
  needs: "a filter with a default",
  notInMock: STATELESS,
  plan: (operation) => optionalFilters(operation).flatMap((parameter) => {
    const value = parameter.rules.default;
    if (value === undefined || (typeof value === "string" && parameter.filter?.matchAll.includes(value))) return [];
    return [{
      subject: `${parameter.name} omitted = ${String(value)}`,
      async run(context: CheckContext) {
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
    }];
  }),
});

/** Most filters `filters.combined` gives at once. */
const MAX_COMBINED = 3;

defineCheck({
  name: "filters.combined",
  rule: "two or three filters whose values come from one item, given together, return only items that match every one of them, that item included, and `total_num` counts the items that match them all",
  needs: "two optional filters whose fields the items carry",
  notInMock: STATELESS,
  plan(operation) {
    const candidates = filterParameters(operation).filter((p) => !p.required);
    if (candidates.length < 2) return [];
    return [{
      subject: "filters from one item",
      async run(context) {
        const answer = await unfiltered(context);
        if ("failure" in answer) return [answer.failure];
        const chosen = answer.body.data_list
          .map((item) => ({ item, given: candidates.flatMap((parameter) => {
            const value = asFilterValue(parameter, item[parameter.filter.field]);
            return value === undefined ? [] : [{ parameter, value }];
          }).slice(0, MAX_COMBINED) }))
          .find(({ given }) => given.length >= 2);
        if (!chosen) throw new Skip("no item holds values usable by two filters at once");
        const query = Object.fromEntries(chosen.given.map(({ parameter, value }) => [parameter.name, value]));
        const combined = await ask(context, "filters.combined", query);
        if ("failure" in combined) return [combined.failure];
        const meetsAll = (item: Item) => chosen.given.every(({ parameter, value }) => matches(parameter, item, value));
        const violations: Violation[] = combined.body.data_list.flatMap((item, index) => (meetsAll(item) ? [] : [{
          where: `body.data_list[${index}]`,
          expected: `an item that matches every filter given (${describe(query)})`,
          got: chosen.given.filter(({ parameter, value }) => !matches(parameter, item, value)).map(({ parameter }) => `${parameter.filter.field} ${preview(item[parameter.filter.field])}`).join(", "),
        }])).slice(0, 5);
        if (complete(combined.body) && !combined.body.data_list.some((item) => sameItem(item, chosen.item))) {
          violations.unshift({ where: "body.data_list", expected: `the item the values came from (${describe(query)})`, got: `${combined.body.data_list.length} items without it` });
        }
        if (complete(answer.body)) {
          const expected = answer.body.data_list.filter(meetsAll).length;
          if (combined.body.total_num !== expected) {
            violations.push({ where: "body.total_num", expected: `${expected}: the items of the unfiltered answer that match all of ${describe(query)}`, got: String(combined.body.total_num) });
          }
        }
        return violations.length === 0 ? [] : [failureOf(context.session, combined.exchange, violations)];
      },
    }];
  },
});

/** `a=1, b=x`: the filters of a query, for messages. */
const describe = (query: Record<string, unknown>) => Object.entries(query).map(([name, value]) => `${name}=${String(value)}`).join(", ");
