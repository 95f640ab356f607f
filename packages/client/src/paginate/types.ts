// Types of the paginator: what `hss.paginate.<operation>` takes and gives.

import type { OperationId } from "../generated/operations.js";
import type { OperationItem, OperationParams, PaginatedOperationId, RequiredKeys } from "../types.js";

/** How far a walk has come, as each page arrives. */
export interface WalkProgress {
  /** Pages fetched so far, this one included. */
  pages: number;
  /** Items fetched so far (from the walk's `offset`), this page's included. */
  items: number;
  /** The page's `total_num`: items in the whole result set. */
  total: number;
  /** The offset after this page's items: where to resume if the walk stopped once they are handled. */
  nextOffset: number;
  /**
   * Milliseconds the rest of the walk will likely take: the pace so far, or the request budget's
   * slots for the pages left (5 a minute per credential by default), whichever is slower.
   */
  estimatedMsLeft: number;
}

/** Options of a paginated walk. */
export interface PaginateOptions {
  /** Items per request (the `limit` sent); within the operation's `limit` bounds. Default: its maximum, or 100. */
  pageSize?: number | undefined;
  /** Stop after this many items; no request is made for items past it. Default: all. */
  maxItems?: number | undefined;
  /**
   * Page requests in flight at once; above 1, following pages are fetched ahead. Default 1. The
   * request budget (5 requests a minute per operation and credential) paces a walk whatever this
   * is: above 1 it saves only the latency of a few pages, and above the budget's `requests` nothing.
   */
  concurrency?: number | undefined;
  /** The offset to start at, such as the `resumeOffset` of the error that stopped an earlier walk. Default 0. */
  offset?: number | undefined;
  /** Told of each page as it arrives: pages and items so far, `total_num`, and an estimate of the time left. */
  onProgress?: ((progress: WalkProgress) => void) | undefined;
  /** Cancels the walk, with every page request in flight. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt of a page request may take; overrides the client's `timeout`. */
  timeout?: number | undefined;
  /** Milliseconds each page request may take, its waits for the request budget included; overrides the client's `totalTimeout`. */
  totalTimeout?: number | undefined;
  /** Retries for each page request; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
}

/** The parameters of a paginated walk: the operation's own, less `limit` and `offset`, which the walk sets. */
export type PaginateParams<Op extends OperationId> = Omit<OperationParams<Op>, "limit" | "offset">;

type ParamsArgs<Op extends OperationId> =
  RequiredKeys<PaginateParams<Op>> extends never
    ? [params?: PaginateParams<Op>, options?: PaginateOptions]
    : [params: PaginateParams<Op>, options?: PaginateOptions];

/**
 * Walks every page of one operation. Call it for an async iterable of the items of every page,
 * in order; `.all()` collects them into an array.
 */
export interface PaginateMethod<Op extends OperationId> {
  (...args: ParamsArgs<Op>): AsyncGenerator<OperationItem<Op>, void, undefined>;
  /** Collects every item of every page into one array. */
  all(...args: ParamsArgs<Op>): Promise<OperationItem<Op>[]>;
  /**
   * Walks page by page: each page's `total_num` and the items of it the walk covers, with the
   * same checks and options as the item walk.
   */
  pages(...args: ParamsArgs<Op>): AsyncGenerator<Page<OperationItem<Op>>, void, undefined>;
}

/** `hss.paginate`: one walker per operation that pages by `offset` and `limit`. */
export type Paginators = { readonly [Op in PaginatedOperationId]: PaginateMethod<Op> };

/** One page as HSS answers it. */
export interface Page<Item> {
  total_num: number;
  data_list: Item[];
}
