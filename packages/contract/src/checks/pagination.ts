import type { Failure } from "../result.js";
import { preview } from "../schema.js";
import { Skip, type Exchange } from "../session.js";
import type { OperationModel, ParameterModel } from "../spec.js";
import { failureOf, itemCount, listBodyOf, queryParameter, type CheckContext, type ListBody } from "./context.js";
import { defineCheck, SHARED_RULES, type CheckName } from "./registry.js";

/** Most pages `pagination.walk` requests before it gives up on a data set as too big to walk. */
export const MAX_WALK_PAGES = 30;

/** The page size the checks prefer: small enough to make several pages of a modest data set. */
const PREFERRED_PAGE_SIZE = 10;

const STATIC_EXAMPLES = "a static example is the same on every page";


/** JSON with sorted keys, so two items compare equal whatever order their fields come in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Where two item lists first differ, in words, or undefined when they are the same. */
export function firstDifference(got: unknown[], expected: unknown[]): string | undefined {
  for (let i = 0; i < Math.max(got.length, expected.length); i++) {
    if (i >= got.length) return `item ${i} missing: expected ${preview(expected[i])}`;
    if (i >= expected.length) return `extra item ${i}: ${preview(got[i])}`;
    if (canonical(got[i]) !== canonical(expected[i])) return `item ${i} is ${preview(got[i])}, expected ${preview(expected[i])}`;
  }
  return undefined;
}

interface Page {
  offset: number;
  limit: number;
  exchange: Exchange;
}

/** A page request with its body, or the failure that stands in for a body. */
type Fetched = { page: Page; body: ListBody } | { page: Page; failure: Failure };

/** What the pagination checks derive from an operation's offset and limit parameters. */
interface Paging {
  operation: OperationModel;
  limit: ParameterModel;
  offset: ParameterModel;
  minLimit: number;
  maxLimit: number;
  maxOffset: number;
  pageSize: number;
}

function pagingOf(operation: OperationModel): Paging | undefined {
  const limit = queryParameter(operation, "limit");
  const offset = queryParameter(operation, "offset");
  if (limit?.rules.type !== "integer" || offset?.rules.type !== "integer") return undefined;
  const minLimit = limit.rules.minimum ?? 1;
  const maxLimit = limit.rules.maximum ?? Number.POSITIVE_INFINITY;
  const maxOffset = offset.rules.maximum ?? Number.POSITIVE_INFINITY;
  const pageSize = Math.min(Math.max(PREFERRED_PAGE_SIZE, minLimit), maxLimit);
  return { operation, limit, offset, minLimit, maxLimit, maxOffset, pageSize };
}

/**
 * The pages of one operation, fetched once each and shared by its pagination checks, so they
 * reuse each other's requests and `pagination.total-stable` sees every page the others fetched.
 */
class Pages {
  readonly cache = new Map<string, Promise<Fetched>>();

  constructor(private readonly context: CheckContext, private readonly paging: Paging) {}

  fetch(at: number, size: number, check: string): Promise<Fetched> {
    const key = `${at}/${size}`;
    let pending = this.cache.get(key);
    if (!pending) {
      const { session, base } = this.context;
      pending = session
        .send({ operation: this.paging.operation, params: { ...base, offset: at, limit: size } }, check)
        .then((exchange) => {
          const page = { offset: at, limit: size, exchange };
          const parsed = listBodyOf(session, exchange);
          return "body" in parsed ? { page, body: parsed.body } : { page, failure: parsed.failure };
        });
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** A page with its body; a page that is not a list body ends the check with its failure. */
  async body(at: number, size: number, check: string): Promise<{ page: Page; body: ListBody }> {
    const fetched = await this.fetch(at, size, check);
    if ("failure" in fetched) throw new PageUnavailable(fetched.failure);
    return fetched;
  }
}

const pageName = (page: Page) => `offset=${page.offset}&limit=${page.limit}`;

/** Defines a pagination check, planned for every operation with integer offset and limit parameters. */
function paginationCheck(definition: {
  name: CheckName;
  rule: string;
  notInMock?: string;
  restsOn?: string;
  subject?: (paging: Paging) => string;
  skip?: (paging: Paging) => string | undefined;
  run: (pages: Pages, paging: Paging, context: CheckContext) => Promise<Failure[]>;
}): void {
  const { name, rule, notInMock, restsOn, subject, skip, run } = definition;
  defineCheck({
    name,
    rule,
    ...(notInMock ? { notInMock } : {}),
    ...(restsOn ? { restsOn } : {}),
    plan(operation) {
      const paging = pagingOf(operation);
      if (!paging) return [{ subject: "", skip: `${operation.id} has no integer offset and limit parameters`, run: async () => [] }];
      const why = skip?.(paging);
      return [{
        subject: subject?.(paging) ?? "",
        ...(why ? { skip: why } : {}),
        async run(context) {
          const pages = context.shared("pagination.pages", () => new Pages(context, paging));
          try {
            return await run(pages, paging, context);
          } catch (error) {
            if (error instanceof PageUnavailable) return [error.failure];
            throw error;
          }
        },
      }];
    },
  });
}

paginationCheck({
  name: "pagination.limit",
  restsOn: SHARED_RULES.pages,
  rule: "`data_list` is never longer than `limit`",
  subject: ({ pageSize }) => `limit=${pageSize}`,
  async run(pages, { pageSize }, context) {
    const { page, body } = await pages.body(0, pageSize, "pagination.limit");
    if (body.data_list.length <= pageSize) return [];
    return [failureOf(context.session, page.exchange, [{ where: "body.data_list", expected: `at most ${pageSize} items (limit)`, got: itemCount(body.data_list.length) }])];
  },
});

paginationCheck({
  name: "pagination.limits",
  restsOn: SHARED_RULES.pages,
  rule: "a page of `limit` L holds `min(L, total_num)` items for L at the minimum, the default, halfway and the maximum of the range the spec gives",
  notInMock: "a static example holds the same items whatever the limit",
  async run(pages, { limit, minLimit, maxLimit }, context) {
    // Across the range the spec gives limit (or up to 100 where it gives no maximum): a
    // server that honours only the page size other checks happen to use fails here.
    const top = Number.isFinite(maxLimit) ? maxLimit : Math.max(minLimit, 100);
    const fallback = typeof limit.rules.default === "number" ? [limit.rules.default] : [];
    const sizes = [...new Set([minLimit, ...fallback, Math.round((minLimit + top) / 2), top])].filter((size) => size >= minLimit && size <= top).sort((a, b) => a - b);
    const failures: Failure[] = [];
    for (const size of sizes) {
      const { page, body } = await pages.body(0, size, "pagination.limits");
      const expected = Math.min(size, body.total_num);
      if (body.data_list.length !== expected) {
        failures.push(failureOf(context.session, page.exchange, [{
          where: "body.data_list",
          expected: `${itemCount(expected)}: min(limit ${size}, total_num ${body.total_num}), for every limit from ${minLimit} to ${top}`,
          got: itemCount(body.data_list.length),
        }]));
      }
    }
    return failures;
  },
});

paginationCheck({
  name: "pagination.compose",
  rule: "`offset=1&limit=2L` equals `offset=1&limit=L` followed by `offset=1+L&limit=L`, item by item",
  notInMock: STATIC_EXAMPLES,
  async run(pages, { offset, pageSize, minLimit, maxLimit, maxOffset }, context) {
    const half = Math.min(pageSize, Math.floor(maxLimit / 2));
    if (half < minLimit) throw new Skip(`no limit L with L and 2L both in ${minLimit}..${maxLimit}`);
    const start = Math.max(offset.rules.minimum ?? 0, Math.min(1, maxOffset));
    const whole = await pages.body(start, 2 * half, "pagination.compose");
    if (whole.body.total_num <= start + half) {
      throw new Skip(`total_num ${whole.body.total_num} is too small: composing pages needs more than ${start + half} items`);
    }
    const first = await pages.body(start, half, "pagination.compose");
    const second = await pages.body(start + half, half, "pagination.compose");
    const difference = firstDifference(whole.body.data_list, [...first.body.data_list, ...second.body.data_list]);
    if (!difference) return [];
    return [failureOf(context.session, whole.page.exchange, [{
      where: `body.data_list of ${pageName(whole.page)}`,
      expected: `the items of ${pageName(first.page)} followed by those of ${pageName(second.page)}`,
      got: difference,
    }])];
  },
});

paginationCheck({
  name: "pagination.walk",
  restsOn: SHARED_RULES.pages,
  rule: "walking every page yields exactly `total_num` items, each page `min(L, total_num - offset)` of them",
  async run(pages, { pageSize, maxLimit, maxOffset }, context) {
    let size = pageSize;
    let first = await pages.body(0, size, "pagination.walk");
    if (first.body.total_num > MAX_WALK_PAGES * size && Number.isFinite(maxLimit)) {
      size = maxLimit;
      first = await pages.body(0, size, "pagination.walk");
    }
    const total = first.body.total_num;
    if (total > MAX_WALK_PAGES * size) throw new Skip(`total_num ${total} needs more than ${MAX_WALK_PAGES} pages of ${size}`);
    if (total > maxOffset + size) throw new Skip(`total_num ${total} reaches past the largest offset ${maxOffset}`);
    const failures: Failure[] = [];
    let seen = 0;
    for (let at = 0; at < total; at += size) {
      const { page, body } = await pages.body(at, size, "pagination.walk");
      seen += body.data_list.length;
      const expected = Math.min(size, total - at);
      if (body.data_list.length !== expected) {
        failures.push(failureOf(context.session, page.exchange, [{
          where: `body.data_list of ${pageName(page)}`,
          expected: `${itemCount(expected)} (total_num ${total}, offset ${at}, limit ${size})`,
          got: itemCount(body.data_list.length),
        }]));
      }
    }
    if (failures.length > 0 || seen === total) return failures;
    return [failureOf(context.session, first.page.exchange, [{ where: "all pages", expected: `${itemCount(total)} (total_num)`, got: itemCount(seen) }])];
  },
});

paginationCheck({
  name: "pagination.past-end",
  restsOn: SHARED_RULES.pages,
  rule: "`offset=total_num` gives an empty `data_list`",
  notInMock: STATIC_EXAMPLES,
  async run(pages, { pageSize, maxOffset }, context) {
    const { body } = await pages.body(0, pageSize, "pagination.past-end");
    const end = body.total_num;
    if (end > maxOffset) throw new Skip(`total_num ${end} is past the largest offset ${maxOffset}`);
    const past = await pages.body(end, pageSize, "pagination.past-end");
    if (past.body.data_list.length === 0) return [];
    return [failureOf(context.session, past.page.exchange, [{
      where: "body.data_list",
      expected: `no items: offset ${end} is at the end (total_num ${end})`,
      got: `${itemCount(past.body.data_list.length)}, first ${preview(past.body.data_list[0])}`,
    }])];
  },
});

paginationCheck({
  name: "pagination.default-limit",
  restsOn: SHARED_RULES.pages,
  rule: "an omitted `limit` gives `min(default, total_num)` items, the default being the spec's",
  subject: ({ limit }) => (limit.rules.default === undefined ? "" : `limit omitted = ${String(limit.rules.default)}`),
  skip: ({ limit }) => (limit.rules.default === undefined ? "the spec documents no default for limit" : undefined),
  async run(_pages, { limit, offset }, context) {
    const parsed = listBodyOf(context.session, context.baseline);
    if ("failure" in parsed) return [parsed.failure];
    const fallback = Number(limit.rules.default);
    const start = Number(offset.rules.default ?? 0);
    const expected = Math.max(0, Math.min(fallback, parsed.body.total_num - start));
    if (parsed.body.data_list.length === expected) return [];
    return [failureOf(context.session, context.baseline, [{
      where: "body.data_list",
      expected: `${itemCount(expected)} (default limit ${fallback}, total_num ${parsed.body.total_num})`,
      got: itemCount(parsed.body.data_list.length),
    }])];
  },
});

paginationCheck({
  name: "pagination.total-stable",
  rule: "`total_num` is the same on every page the pagination checks fetched",
  async run(pages, { pageSize }, context) {
    await pages.body(0, pageSize, "pagination.total-stable");
    await pages.body(pageSize, pageSize, "pagination.total-stable");
    const fetched = (await Promise.all(pages.cache.values())).flatMap((one) => ("body" in one ? [one] : []));
    fetched.sort((a, b) => a.page.offset - b.page.offset || a.page.limit - b.page.limit);
    const reference = fetched.find((p) => p.page.offset === 0 && p.page.limit === pageSize) ?? fetched[0];
    if (!reference) throw new Skip("no page arrived");
    const expected = reference.body.total_num;
    return fetched
      .filter((p) => p.body.total_num !== expected)
      .map((p) => failureOf(context.session, p.page.exchange, [{
        where: `body.total_num of ${pageName(p.page)}`,
        expected: `${expected}, as on ${pageName(reference.page)}`,
        got: String(p.body.total_num),
      }]));
  },
});

paginationCheck({
  name: "pagination.idempotent",
  rule: "the baseline request sent again gets the same status, total and items",
  async run(_pages, { operation }, context) {
    const again = await context.session.send({ operation, params: context.base }, "pagination.idempotent");
    const first = listBodyOf(context.session, context.baseline);
    const second = listBodyOf(context.session, again);
    if ("failure" in first) return [first.failure];
    if ("failure" in second) return [second.failure];
    const statuses = [context.baseline, again].map((e) => (e.outcome.kind === "response" ? e.outcome.status : 0));
    const difference = statuses[0] !== statuses[1]
      ? `status ${statuses[1]} after ${statuses[0]}`
      : first.body.total_num !== second.body.total_num
        ? `total_num ${second.body.total_num} after ${first.body.total_num}`
        : firstDifference(second.body.data_list, first.body.data_list);
    if (!difference) return [];
    return [failureOf(context.session, again, [{ where: "the repeated answer", expected: "the same answer as the first time", got: difference }])];
  },
});

/** A page a check needed did not arrive as a list body; its failure is the check's failure. */
class PageUnavailable extends Error {
  constructor(readonly failure: Failure) {
    super("page unavailable");
  }
}
