// Builds `hss.paginate`: one walker per operation the generator marked as paginated, with the
// page size checked against that operation's `limit` rules from the spec.

import type { CallOperation } from "../caller.js";
import { HssValidationError } from "../errors.js";
import { checkOptionNames } from "../options.js";
import { operations, type OperationId } from "../generated/operations.js";
import type { OperationDescriptor, ParameterRules } from "../operation-descriptor.js";
import { describeRules, meetsRules } from "@hss-kit/spec/rules";
import { assertParamsObject, callerParameters, refuseUnknown, type MayShow } from "../validate.js";
import { walkItems, walkPages, type FetchPage, type WalkPlan } from "./iterator.js";
import type { PaginateOptions, Paginators } from "./types.js";

/** Page size when the spec gives `limit` no maximum. */
const DEFAULT_PAGE_SIZE = 100;

/** More page requests in flight than this would mostly earn 429s from the gateway. */
const MAX_CONCURRENCY = 16;

/** Parameters the walk sets on every page request, so callers may not. */
const WALK_SETS = new Set(["limit", "offset"]);
const WALK_SETS_HINT = " (the walk sets limit and offset itself: pass the pageSize option instead)";

/** Refuses parameters the walk cannot honor, even with validation off, since it would override them. */
function checkWalkParams(owner: string, descriptor: OperationDescriptor, params: unknown, mayShow: MayShow): void {
  assertParamsObject(owner, params, mayShow);
  const given = params ?? {};
  const passed = [...WALK_SETS].filter((name) => given[name] !== undefined);
  if (passed.length === 0) return;
  const names = callerParameters(descriptor)
    .map((parameter) => parameter.name)
    .filter((name) => !WALK_SETS.has(name));
  refuseUnknown(owner, Object.fromEntries(passed.map((name) => [name, given[name]])), names, WALK_SETS_HINT);
}

/** The names of a walk's options; typed as a record so a new option cannot be left out. */
const WALK_OPTION_NAMES: Record<keyof PaginateOptions, true> = {
  pageSize: true,
  maxItems: true,
  concurrency: true,
  signal: true,
  timeout: true,
  maxRetries: true,
};

function planWalk(
  operationId: OperationId,
  descriptor: OperationDescriptor,
  options: PaginateOptions,
  validate: boolean,
): WalkPlan {
  const owner = `paginate.${operationId}`;
  checkOptionNames(owner, options, WALK_OPTION_NAMES);
  const check = (parameter: string, value: unknown, rules: ParameterRules) => {
    if (!meetsRules(rules, value)) {
      throw new HssValidationError({ operationId: owner, parameter, value, allowed: describeRules(rules), problem: "invalid" });
    }
  };
  const limit = descriptor.parameters.find((parameter) => parameter.name === "limit")?.schema ?? {};
  // With validation off the spec's bounds are not enforced, but a page still needs one item or more.
  const pageSizeRules: ParameterRules = validate
    ? { type: "integer", format: limit.format, minimum: Math.max(1, limit.minimum ?? 1), maximum: limit.maximum }
    : { type: "integer", minimum: 1 };
  const pageSize = options.pageSize ?? limit.maximum ?? DEFAULT_PAGE_SIZE;
  check("pageSize", pageSize, pageSizeRules);
  if (options.maxItems !== undefined) check("maxItems", options.maxItems, { type: "integer", minimum: 0 });
  const concurrency = options.concurrency ?? 1;
  check("concurrency", concurrency, { type: "integer", minimum: 1, maximum: MAX_CONCURRENCY });
  return { operationId, pageSize, maxItems: options.maxItems ?? Infinity, concurrency };
}

function paginator(operationId: OperationId, descriptor: OperationDescriptor, call: CallOperation, validate: boolean, mayShow: MayShow) {
  /** Checks a walk's parameters and options, and says how to fetch each of its pages. */
  const prepare = (params: object | undefined, options: PaginateOptions): { plan: WalkPlan; fetchPage: FetchPage } => {
    checkWalkParams(`paginate.${operationId}`, descriptor, params, mayShow);
    const plan = planWalk(operationId, descriptor, options, validate);
    const { timeout, maxRetries } = options;
    const fetchPage: FetchPage = async (offset, signal) =>
      (await call(operationId, { ...params, offset, limit: plan.pageSize }, { signal, timeout, maxRetries })).data;
    return { plan, fetchPage };
  };
  async function* walk(params?: object, options: PaginateOptions = {}): AsyncGenerator<unknown, void, undefined> {
    const { plan, fetchPage } = prepare(params, options);
    yield* walkItems(fetchPage, plan, options.signal);
  }
  async function* pages(params?: object, options: PaginateOptions = {}): AsyncGenerator<unknown, void, undefined> {
    const { plan, fetchPage } = prepare(params, options);
    yield* walkPages(fetchPage, plan, options.signal);
  }
  const all = async (params?: object, options?: PaginateOptions) => {
    const items: unknown[] = [];
    for await (const item of walk(params, options)) items.push(item);
    return items;
  };
  return Object.assign(walk, { all, pages });
}

/** Creates `hss.paginate` from the operation table. */
export function createPaginators(call: CallOperation, validate: boolean, mayShow: MayShow): Paginators {
  const paginated = Object.entries(operations).filter(([, descriptor]) => descriptor.paginated);
  return Object.fromEntries(
    paginated.map(([id, descriptor]) => [id, paginator(id as OperationId, descriptor, call, validate, mayShow)]),
  ) as unknown as Paginators;
}
