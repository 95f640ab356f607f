// The reference's "Limits and throttling" section: HSS's throttle as the spec states it
// (`x-hss-rate-limit`, read by the spec model), the 429 the gateway answers (the spec's own
// example), how long a walk of N items takes at the limit, and what each part of hss-kit does
// about it. Every figure comes from the spec: a new limit there changes this page on the next build.

import { documentedResponse, readModel } from "@hss-kit/spec";

/** The page size a walk uses: the operation's largest `limit`, else the client's default of 100. */
export function pageSizeOf(operation) {
  return operation.parameters.find((p) => p.paging === "limit")?.rules.maximum ?? 100;
}

/**
 * The least time a walk of `items` items takes under `limit`, in milliseconds: one request per
 * page, and request k can go no sooner than floor(k / requests) windows after the first.
 */
export function walkTimeMs(items, pageSize, limit) {
  const pages = Math.max(1, Math.ceil(items / pageSize));
  return { pages, ms: Math.floor((pages - 1) / limit.requests) * limit.windowMs };
}

/** A duration as a reader says it: `at once`, `45 s`, `9 min`, `1 h 39 min`. */
export function spoken(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds === 0) return "at once";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}

/** A window as a reader says it after "in any": `minute`, `2 minutes`, `30 seconds`. */
function windowWords(ms) {
  if (ms === 60_000) return "minute";
  if (ms % 60_000 === 0) return `${ms / 60_000} minutes`;
  return ms % 1000 === 0 ? `${ms / 1000} seconds` : `${ms} ms`;
}

const limitKey = ({ perCredential: c, perApi: a }) => `${c.requests}/${c.windowMs} ${a.requests}/${a.windowMs}`;

/** The per-credential limit in words, for a sentence: `5 times in any minute`. */
export function limitWords(document) {
  const limit = readModel(document).rateLimit?.perCredential;
  if (!limit) throw new Error("The spec states no x-hss-rate-limit: the docs have no limits to show.");
  return `${limit.requests} times in any ${windowWords(limit.windowMs)}`;
}

/** A walk of 10,000 items at the largest page, in words (HTML): `A walk of 10,000 items of <code>listUsers</code> at 200 a page is 50 pages and at least 9 min`. */
export function walkWords(document) {
  const model = readModel(document);
  const operation = model.operations.filter((o) => o.paginated).sort((a, b) => pageSizeOf(b) - pageSizeOf(a))[0];
  const limit = operation?.rateLimit?.perCredential ?? model.rateLimit?.perCredential;
  if (!operation || !limit) throw new Error("The spec has no paginated operation with a limit: the docs have no walk to time.");
  const { pages, ms } = walkTimeMs(WALK_SIZES[1], pageSizeOf(operation), limit);
  return `A walk of ${WALK_SIZES[1].toLocaleString("en-US")} items of <code>${operation.id}</code> at ${pageSizeOf(operation)} a page is ${pages} pages and at least ${spoken(ms)}`;
}

/** The walks the table times: what an export, a report and a fleet-wide query fetch. */
export const WALK_SIZES = [1_000, 10_000, 100_000];

/**
 * The section's Markdown, from the bundled spec document.
 * @param {import("@hss-kit/spec").JsonObject} document
 */
export function limitsMarkdown(document) {
  const model = readModel(document);
  const limits = model.rateLimit;
  if (!limits) throw new Error("The spec states no x-hss-rate-limit: the docs have no limits to show.");
  const { perCredential, perApi, source } = limits;
  const differing = model.operations.filter((o) => o.rateLimit && limitKey(o.rateLimit) !== limitKey(limits));
  const throttled = model.operations.map((o) => documentedResponse(o, 429)?.example).find((e) => e && typeof e === "object" && e.error_code);
  if (!throttled) throw new Error("The spec documents no 429 example with an error_code.");
  const paginated = model.operations.filter((o) => o.paginated);
  // Operations that walk alike (the same page size and limit) share one line.
  const groups = new Map();
  for (const operation of paginated) {
    const limit = operation.rateLimit?.perCredential ?? perCredential;
    const size = pageSizeOf(operation);
    const key = `${size} ${limit.requests}/${limit.windowMs}`;
    groups.set(key, { size, limit, ids: [...(groups.get(key)?.ids ?? []), operation.id] });
  }
  const lines = [...groups.values()].map(({ size, limit, ids }) => {
    const walks = WALK_SIZES.map((items) => {
      const { pages, ms } = walkTimeMs(items, size, limit);
      return `${items.toLocaleString("en-US")} items ${spoken(ms)} (${pages.toLocaleString("en-US")} pages)`;
    });
    return `- ${ids.map((id) => `\`${id}\``).join(", ")}, ${size} a page: ${walks.join("; ")}.`;
  });

  return `## Limits and throttling

HSS's API gateway throttles every operation:

| who | may call one operation |
| --- | --- |
| one user or IP address (one credential) | ${perCredential.requests} times in any ${windowWords(perCredential.windowMs)} |
| all users together | ${perApi.requests} times in any ${windowWords(perApi.windowMs)} |

${differing.length === 0 ? "Every operation has this limit." : `These operations have limits of their own: ${differing.map((o) => `\`${o.id}\` (${o.rateLimit.perCredential.requests} in any ${windowWords(o.rateLimit.perCredential.windowMs)})`).join(", ")}.`}
Each operation counts on its own: ${perCredential.requests} calls of \`listUsers\` leave the ${perCredential.requests} of \`listPorts\` untouched.
Source: ${source.trim()} The spec states these figures in \`x-hss-rate-limit\`; every figure on this
page is read from there.

**Over the limit** the gateway answers \`429\` with the error code \`${throttled.error_code}\` and a
message such as "${throttled.error_msg}", with a \`request_id\` and the \`X-Request-Id\` header. It may
or may not send \`Retry-After\`; without it, wait until the oldest call of the window is a window old.

**How long a walk takes.** A list pages with \`offset\` and \`limit\`, one call per page, so a walk
of many items is bounded by the limit, not by the network. At the largest page each operation
allows (or 100 where the spec sets no maximum), the least time a walk can take, for one
credential, is:

${lines.join("\n")}

The first ${perCredential.requests} pages come at once; each further ${perCredential.requests} wait one window. Calling
in parallel does not help: every call of one operation with one credential draws on the same
${perCredential.requests} a window, and all users together on ${perApi.requests}.

**What hss-kit does about it**

- \`@hss-kit/client\` keeps within the limit by default: each call takes a slot of a request budget
  per credential and operation, shared by the operation methods, \`paginate\`, \`fanOut\` and \`raw\`,
  and waits for one rather than draw a 429. A 429 that comes anyway is waited out (\`Retry-After\`,
  else until the budget has room) as long as the call's \`totalTimeout\` allows. See the
  [client guide](client.html#limits) for tuning and sharing the budget.
- \`hss-mock --stateful --rate-limit\` throttles as the gateway does, and \`--rate-limit 5/2s\` with
  a scaled window, so a walk meets the limit in seconds.
- \`hss-contract\` keeps within the budget, waits out a 429 instead of failing a check for it, and
  checks the 429 itself (status, error body, request ID). See the [contract guide](contract.html#limits).
`;
}
