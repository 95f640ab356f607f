// Runs middleware (objects with onRequest, onResponse and onError, as openapi-fetch takes them)
// inside the caller's one request path, with openapi-fetch's rules: onRequest in order, and it
// may answer in place of the server; onError and onResponse in reverse order. One middleware so
// serves the operation methods and `hss.raw` alike, and a call without middleware builds no
// Request at all.

import type { MergedOptions, Middleware, MiddlewareCallbackParams } from "openapi-fetch";

/** The middleware of a client, in the order it was registered; `use` and `eject` as openapi-fetch's. */
export interface MiddlewareStack {
  readonly items: readonly Middleware[];
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

/** An empty stack. */
export function createMiddlewareStack(): MiddlewareStack {
  const items: Middleware[] = [];
  return {
    items,
    use: (...middleware) => {
      for (const m of middleware) if (m) items.push(m);
    },
    eject: (...middleware) => {
      for (const m of middleware) {
        const at = items.indexOf(m);
        if (at !== -1) items.splice(at, 1);
      }
    },
  };
}

/** What every hook of one call is told besides the request: where it goes, with what, and its id. */
export type MiddlewareCall = Omit<MiddlewareCallbackParams, "request">;

/** The call's description for its hooks. */
export function middlewareCall(schemaPath: string, params: MiddlewareCall["params"], options: MergedOptions): MiddlewareCall {
  // The id only tells a call's hooks apart from another call's, as openapi-fetch's does.
  return { schemaPath, params, options, id: Math.random().toString(36).slice(2, 11) };
}

/** Runs every onRequest; a Response from one of them answers the call without a request. */
export async function runOnRequest(
  stack: readonly Middleware[],
  request: Request,
  call: MiddlewareCall,
): Promise<{ request: Request; response?: Response }> {
  let current = request;
  for (const m of stack) {
    const result = await m.onRequest?.({ ...call, request: current });
    if (!result) continue;
    if (result instanceof Response) return { request: current, response: result };
    if (!(result instanceof Request)) throw new TypeError("onRequest: must return new Request() or Response() when modifying the request");
    current = result;
  }
  return { request: current };
}

/** Runs every onError, last first; returns the Response one of them answers with, or throws the error. */
export async function runOnError(stack: readonly Middleware[], request: Request, error: unknown, call: MiddlewareCall): Promise<Response> {
  let current = error;
  for (let i = stack.length - 1; i >= 0; i--) {
    const result = await stack[i]!.onError?.({ ...call, request, error: current });
    if (!result) continue;
    if (result instanceof Response) return result;
    if (!(result instanceof Error)) throw new TypeError("onError: must return new Response() or instance of Error");
    current = result;
  }
  throw current;
}

/** Runs every onResponse, last first; each may replace the response. */
export async function runOnResponse(stack: readonly Middleware[], request: Request, response: Response, call: MiddlewareCall): Promise<Response> {
  let current = response;
  for (let i = stack.length - 1; i >= 0; i--) {
    const result = await stack[i]!.onResponse?.({ ...call, request, response: current });
    if (!result) continue;
    if (!(result instanceof Response)) throw new TypeError("onResponse: must return new Response() when modifying the response");
    current = result;
  }
  return current;
}
