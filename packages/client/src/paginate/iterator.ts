// Walks offset/limit pages in order, optionally fetching following pages ahead, and refuses to
// go on when the pages stop adding up: HSS pages by position, so a result set that changes
// during the walk would silently repeat or skip items.

import { HssError, HssPaginationError } from "../errors.js";
import type { Page, WalkProgress } from "./types.js";

/** How a walk proceeds. */
export interface WalkPlan {
  /** Names the walk in errors, such as `listPorts`. */
  operationId: string;
  /** The `limit` of each request, and the step between offsets. */
  pageSize: number;
  /** Items to yield at most (Infinity for all). */
  maxItems: number;
  /** Page requests in flight at most; above 1, pages are fetched ahead of the consumer. */
  concurrency: number;
  /** The offset of the first page. */
  offset: number;
  /** Told of each page as it arrives. */
  onProgress?: ((progress: WalkProgress) => void) | undefined;
  /** Milliseconds until `count` more page requests could be sent, as the request budget sees it; undefined without one. */
  budgetDelay?: ((count: number) => number | undefined) | undefined;
}

/** Requests the page at `offset`; `signal` aborts it when the walk ends early. */
export type FetchPage = (offset: number, signal: AbortSignal) => Promise<unknown>;

/**
 * A page's items as one string, to tell a page that repeats the one before it (a server that
 * ignores `offset` would otherwise be walked to a total_num that may be in the billions).
 */
function fingerprint(items: readonly unknown[]): string {
  return JSON.stringify(items);
}

function checkPage<Item>(body: unknown, offset: number, total: number | undefined, plan: WalkPlan): Page<Item> {
  const fail = (problem: string) => new HssPaginationError(plan.operationId, offset, problem);
  const page = body as Partial<Page<Item>> | undefined;
  if (!Number.isInteger(page?.total_num) || page!.total_num! < 0 || !Array.isArray(page!.data_list)) {
    throw fail("the response has no total_num count and data_list array to page through");
  }
  const { total_num, data_list } = page as Page<Item>;
  if (total !== undefined && total_num !== total) {
    throw fail(
      `total_num changed from ${total} to ${total_num}, so the result set changed and pages would repeat or skip items (resuming may too: to be sure, start again from offset 0)`,
    );
  }
  const expected = Math.min(plan.pageSize, total_num - offset);
  if (data_list.length < expected) {
    throw fail(
      data_list.length === 0
        ? `the page came back empty although total_num is ${total_num}`
        : `the page has ${data_list.length} items where total_num ${total_num} promises ${expected}`,
    );
  }
  return { total_num, data_list };
}

/**
 * Marks an error that ends a walk with where to resume it: the offset of the page that failed,
 * since every page before it was handed to the consumer whole.
 */
function resumable(error: unknown, offset: number): unknown {
  if (error instanceof HssError && error.resumeOffset === undefined) {
    error.resumeOffset = offset;
    error.message += ` Resume the walk with { offset: ${offset} }.`;
  }
  return error;
}

/**
 * Yields every page in order from `plan.offset`, each holding only the items the walk covers (the
 * last page stops at maxItems). The first page is fetched alone because its total_num decides how
 * many pages there are; no request goes past total_num or maxItems. Ending the loop early aborts
 * every page request still in flight. An error that ends the walk carries `resumeOffset`.
 */
export async function* walkPages<Item>(fetchPage: FetchPage, plan: WalkPlan, signal?: AbortSignal): AsyncGenerator<Page<Item>, void, undefined> {
  if (plan.maxItems === 0) return;
  const controller = new AbortController();
  const follow = () => controller.abort(signal?.reason);
  if (signal?.aborted) follow();
  else signal?.addEventListener("abort", follow, { once: true });

  const started = Date.now();
  const ahead: Array<{ offset: number; page: Promise<unknown> }> = [];
  let offset = plan.offset;
  try {
    let page = checkPage<Item>(await fetchPage(offset, controller.signal), offset, undefined, plan);
    let previous = { offset, fingerprint: fingerprint(page.data_list.slice(0, plan.pageSize)) };
    const total = page.total_num;
    const end = Math.min(total, offset + plan.maxItems);
    let next = offset + plan.pageSize;
    let [pages, items] = [0, 0];
    const fill = (slots: number) => {
      while (ahead.length < slots && next < end) {
        const request = fetchPage(next, controller.signal);
        // Rejections of pages fetched ahead are reported when the walk reaches them, or not at all.
        request.catch(() => undefined);
        ahead.push({ offset: next, page: request });
        next += plan.pageSize;
      }
    };
    for (;;) {
      if (plan.concurrency > 1) fill(plan.concurrency);
      const data_list = page.data_list.slice(0, Math.max(0, Math.min(plan.pageSize, end - offset)));
      pages += 1;
      items += data_list.length;
      if (plan.onProgress) {
        const unrequested = Math.max(0, Math.ceil((end - next) / plan.pageSize));
        const pagesLeft = ahead.length + unrequested;
        // The pace so far, or the budget's slots for the pages not yet requested, whichever is slower.
        const pace = ((Date.now() - started) / pages) * pagesLeft;
        const budget = plan.budgetDelay?.(unrequested) ?? 0;
        plan.onProgress({ pages, items, total, nextOffset: offset + data_list.length, estimatedMsLeft: Math.round(Math.max(pace, budget)) });
      }
      yield { total_num: total, data_list };
      fill(plan.concurrency);
      const following = ahead.shift();
      if (following === undefined) return;
      offset = following.offset;
      page = checkPage<Item>(await following.page, offset, total, plan);
      const current = { offset, fingerprint: fingerprint(page.data_list.slice(0, plan.pageSize)) };
      if (page.data_list.length > 0 && current.fingerprint === previous.fingerprint) {
        throw new HssPaginationError(
          plan.operationId,
          offset,
          `the page repeats the page at offset ${previous.offset} item for item, so the server is not paging by offset; stopped rather than walk on to total_num ${total}`,
        );
      }
      previous = current;
    }
  } catch (error) {
    throw resumable(error, offset);
  } finally {
    controller.abort();
    signal?.removeEventListener("abort", follow);
  }
}

/** Yields the items of every page of {@link walkPages}, in order. */
export async function* walkItems<Item>(fetchPage: FetchPage, plan: WalkPlan, signal?: AbortSignal): AsyncGenerator<Item, void, undefined> {
  for await (const page of walkPages<Item>(fetchPage, plan, signal)) yield* page.data_list;
}
