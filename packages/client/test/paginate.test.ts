// The paginator against a fake HSS that pages a known data set by offset and limit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HssPaginationError, HssResponseError, HssValidationError, createHssClient, type HssClientOptions } from "../src/index.js";
import { fakeFetch, json, type Responder } from "./helpers/fake-fetch.js";

interface Served {
  offsets: number[];
  limits: number[];
  aborted: number[];
  maxInFlight: number;
}

/** A fake HSS holding `total` ports; `tweak` may alter a page before it is sent. */
function dataset(
  total: number,
  options: { delay?: (offset: number) => number; tweak?: (page: { total_num: number; data_list: unknown[] }, offset: number) => void } = {},
) {
  const served: Served = { offsets: [], limits: [], aborted: [], maxInFlight: 0 };
  let inFlight = 0;
  const respond: Responder = async (request) => {
    const url = new URL(request.url);
    const offset = Number(url.searchParams.get("offset"));
    const limit = Number(url.searchParams.get("limit"));
    served.offsets.push(offset);
    served.limits.push(limit);
    inFlight++;
    served.maxInFlight = Math.max(served.maxInFlight, inFlight);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, options.delay?.(offset) ?? 0);
        request.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          served.aborted.push(offset);
          reject(request.signal.reason);
        });
      });
    } finally {
      inFlight--;
    }
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ port: offset + i }));
    const page = { total_num: total, data_list: items };
    options.tweak?.(page, offset);
    return json(200, page);
  };
  return { respond, served };
}

function client(respond: Responder, options: HssClientOptions = {}) {
  const fake = fakeFetch(respond);
  return createHssClient({
    baseUrl: "http://hss.test",
    projectId: "p",
    credentials: { token: "token-for-tests" },
    fetch: fake.fetch,
    maxRetries: 0,
    // The walk itself is under test here; the budget's part in it is tested on its own.
    rateLimit: false,
    ...options,
  });
}

const ports = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ port: from + i }));

describe("hss.paginate", () => {
  it("walks page by page with .pages(): each page's total_num and the items the walk covers", async () => {
    const { respond, served } = dataset(45);
    const hss = client(respond);
    const pages: { total_num: number; data_list: unknown[] }[] = [];
    for await (const page of hss.paginate.listPorts.pages({ host_id: "h1" }, { pageSize: 20, maxItems: 30 })) pages.push(page);
    expect(pages.map((page) => page.data_list)).toEqual([ports(20), ports(10, 20)]);
    expect(pages.map((page) => page.total_num)).toEqual([45, 45]);
    expect(served.offsets).toEqual([0, 20]);
    expect(pages.flatMap((page) => page.data_list)).toEqual(await hss.paginate.listPorts.all({ host_id: "h1" }, { pageSize: 20, maxItems: 30 }));
  });

  it("yields every item of every page, in order, with offset and limit set by the walk", async () => {
    const { respond, served } = dataset(45);
    const hss = client(respond);
    const seen: unknown[] = [];
    for await (const port of hss.paginate.listPorts({ host_id: "h1" }, { pageSize: 10 })) seen.push(port);
    expect(seen).toEqual(ports(45));
    expect(served.offsets).toEqual([0, 10, 20, 30, 40]);
    expect(new Set(served.limits)).toEqual(new Set([10]));
  });

  it(".all collects into an array", async () => {
    const { respond } = dataset(3);
    await expect(client(respond).paginate.listUsers.all()).resolves.toEqual(ports(3));
  });

  it("defaults the page size to the spec's maximum limit, or 100 where the spec sets none", async () => {
    const bounded = dataset(450);
    await client(bounded.respond).paginate.listPorts.all({ host_id: "h" });
    expect(bounded.served.limits).toEqual([200, 200, 200]);
    const unbounded = dataset(250);
    await client(unbounded.respond).paginate.listProcessesHost.all({ path: "/bin/sh" });
    expect(unbounded.served.limits).toEqual([100, 100, 100]);
  });

  it("makes one request for an empty result", async () => {
    const { respond, served } = dataset(0);
    await expect(client(respond).paginate.listUsers.all()).resolves.toEqual([]);
    expect(served.offsets).toEqual([0]);
  });

  it("stops at maxItems without requesting past it", async () => {
    const { respond, served } = dataset(100);
    const items = await client(respond).paginate.listUsers.all({}, { pageSize: 10, maxItems: 25 });
    expect(items).toEqual(ports(25));
    expect(served.offsets).toEqual([0, 10, 20]);
  });

  it("starts at the offset option, counting maxItems from there", async () => {
    const { respond, served } = dataset(100);
    const items = await client(respond).paginate.listUsers.all({}, { pageSize: 10, offset: 35, maxItems: 20 });
    expect(items).toEqual(ports(55).slice(35));
    expect(served.offsets).toEqual([35, 45]);
  });

  it("yields nothing from an offset at or past total_num, after one request", async () => {
    const { respond, served } = dataset(30);
    await expect(client(respond).paginate.listUsers.all({}, { pageSize: 10, offset: 30 })).resolves.toEqual([]);
    await expect(client(respond).paginate.listUsers.all({}, { pageSize: 10, offset: 45 })).resolves.toEqual([]);
    expect(served.offsets).toEqual([30, 45]);
  });

  it("refuses a negative or fractional offset", async () => {
    const { respond, served } = dataset(30);
    await expect(client(respond).paginate.listUsers.all({}, { offset: -1 })).rejects.toBeInstanceOf(HssValidationError);
    await expect(client(respond).paginate.listUsers.all({}, { offset: 1.5 })).rejects.toThrow("paginate.listUsers: offset must be");
    expect(served.offsets).toEqual([]);
  });

  it("makes no request at all for maxItems 0", async () => {
    const { respond, served } = dataset(100);
    await expect(client(respond).paginate.listUsers.all({}, { maxItems: 0 })).resolves.toEqual([]);
    expect(served.offsets).toEqual([]);
  });

  it("with concurrency, fetches ahead but yields in order, never past total_num", async () => {
    // Later pages answer sooner, so order must come from the walk, not from arrival.
    const { respond, served } = dataset(95, { delay: (offset) => (offset === 0 ? 0 : 50 - offset / 2) });
    const items = await client(respond).paginate.listUsers.all({}, { pageSize: 10, concurrency: 4 });
    expect(items).toEqual(ports(95));
    expect(served.maxInFlight).toBe(4);
    expect([...served.offsets].sort((a, b) => a - b)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it("without concurrency, fetches one page at a time and none ahead", async () => {
    const { respond, served } = dataset(30);
    const walk = client(respond).paginate.listUsers({}, { pageSize: 10 });
    for (let i = 0; i < 10; i++) await walk.next();
    expect(served.offsets).toEqual([0]);
    await walk.return(undefined);
    expect(served.maxInFlight).toBe(1);
  });

  it("breaking out of the loop aborts the pages fetched ahead and requests no more", async () => {
    const { respond, served } = dataset(1000, { delay: (offset) => (offset === 0 ? 0 : 10_000) });
    let count = 0;
    for await (const _ of client(respond).paginate.listUsers({}, { pageSize: 10, concurrency: 3 })) {
      if (++count === 5) break;
    }
    expect(served.offsets).toEqual([0, 10, 20, 30]);
    expect(served.aborted.sort((a, b) => a - b)).toEqual([10, 20, 30]);
  });

  it("the caller's signal cancels the walk", async () => {
    const { respond } = dataset(1000, { delay: (offset) => (offset === 0 ? 0 : 10_000) });
    const controller = new AbortController();
    const walk = client(respond).paginate.listUsers({}, { pageSize: 10, signal: controller.signal });
    for (let i = 0; i < 10; i++) await walk.next();
    const next = walk.next();
    controller.abort(new Error("enough"));
    await expect(next).rejects.toThrow("enough");
  });

  it("throws HssPaginationError when total_num changes during the walk", async () => {
    const { respond } = dataset(30, {
      tweak: (page, offset) => {
        if (offset === 20) page.total_num = 31;
      },
    });
    const error = await client(respond).paginate.listUsers.all({}, { pageSize: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssPaginationError);
    expect((error as Error).message).toBe(
      "listUsers pagination stopped at offset 20: total_num changed from 30 to 31, so the result set changed and pages would repeat or skip items (resuming may too: to be sure, start again from offset 0). Resume the walk with { offset: 20 }.",
    );
  });

  it("throws HssPaginationError when a page comes back empty before total_num is reached", async () => {
    const { respond, served } = dataset(30, {
      tweak: (page, offset) => {
        if (offset === 10) page.data_list = [];
      },
    });
    await expect(client(respond).paginate.listUsers.all({}, { pageSize: 10 })).rejects.toThrow(
      "listUsers pagination stopped at offset 10: the page came back empty although total_num is 30.",
    );
    expect(served.offsets).toEqual([0, 10]);
  });

  it("throws HssPaginationError on a short page", async () => {
    const { respond } = dataset(30, {
      tweak: (page, offset) => {
        if (offset === 0) page.data_list.pop();
      },
    });
    await expect(client(respond).paginate.listUsers.all({}, { pageSize: 10 })).rejects.toThrow(
      "listUsers pagination stopped at offset 0: the page has 9 items where total_num 30 promises 10.",
    );
  });

  it("throws HssResponseError when the answer is not a page, naming what the spec requires", async () => {
    const hss = client(() => json(200, { items: [] }));
    const error = await hss.paginate.listUsers.all().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssResponseError);
    expect((error as HssResponseError).message).toMatch(/ got an HTTP 200 response that cannot be used: its body has no total_num, which the spec requires\. Resume the walk with \{ offset: 0 \}\.$/);
  });

  it.each([
    [{ pageSize: 5 }, "paginate.listPorts: pageSize must be an integer from 10 to 200; got 5."],
    [{ pageSize: 201 }, "paginate.listPorts: pageSize must be an integer from 10 to 200; got 201."],
    [{ pageSize: 10.5 }, "paginate.listPorts: pageSize must be an integer from 10 to 200; got 10.5."],
    [{ maxItems: -1 }, "paginate.listPorts: maxItems must be an integer of at least 0; got -1."],
    [{ concurrency: 0 }, "paginate.listPorts: concurrency must be an integer from 1 to 16; got 0."],
  ])("refuses options %j before any request", async (options, message) => {
    const { respond, served } = dataset(10);
    const error = await client(respond).paginate.listPorts.all({ host_id: "h" }, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HssValidationError);
    expect((error as Error).message).toBe(message);
    expect(served.offsets).toEqual([]);
  });

  it("refuses limit and offset among the parameters, pointing to pageSize", async () => {
    const { respond } = dataset(10);
    await expect(client(respond).paginate.listPorts.all({ host_id: "h", limit: 50 } as never)).rejects.toThrow(
      "paginate.listPorts: limit is not a parameter of paginate.listPorts (its value is not shown); the parameters are host_id, host_name, host_ip, port, type, status, enterprise_project_id, category (the walk sets limit and offset itself: pass the pageSize and offset options instead).",
    );
  });

  it("validates the operation's own parameters before the first request", async () => {
    const { respond, served } = dataset(10);
    await expect(client(respond).paginate.listPorts.all({} as never)).rejects.toThrow("listPorts: host_id is required");
    expect(served.offsets).toEqual([]);
  });

  it("with validate: false, pages with any positive page size", async () => {
    const { respond, served } = dataset(12);
    await client(respond, { validate: false }).paginate.listPorts.all({ host_id: "h" }, { pageSize: 5 });
    expect(served.offsets).toEqual([0, 5, 10]);
  });

  it("yields exactly the first min(total, maxItems) items, for any sizes (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 10, max: 200 }),
        fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
        fc.integer({ min: 1, max: 5 }),
        async (total, pageSize, maxItems, concurrency) => {
          const { respond, served } = dataset(total);
          const items = await client(respond).paginate.listUsers.all({}, { pageSize, maxItems, concurrency });
          const end = Math.min(total, maxItems ?? Number.POSITIVE_INFINITY);
          expect(items).toEqual(ports(end));
          const expectedRequests = maxItems === 0 ? 0 : Math.max(1, Math.ceil(end / pageSize));
          expect(served.offsets).toHaveLength(expectedRequests);
          expect(served.maxInFlight).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 60 },
    );
  });
});
