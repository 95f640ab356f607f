// A fetch that answers from a script instead of the network, and records what it was sent.

/** Answers one request; `index` counts requests from 0. */
export type Responder = (request: Request, index: number) => Response | Promise<Response>;

/** A recording fake fetch. */
export interface FakeFetch {
  fetch: (request: Request) => Promise<Response>;
  /** Every request received, in order. */
  requests: Request[];
}

/** Creates a fake fetch; the default answers every request 200 with an empty page. */
export function fakeFetch(respond: Responder = () => json(200, { total_num: 0, data_list: [] })): FakeFetch {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (request) => {
      requests.push(request);
      return respond(request, requests.length - 1);
    },
  };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The query of a request as an array of [key, value] pairs, in order. */
export function queryOf(request: Request): Array<[string, string]> {
  return [...new URL(request.url).searchParams];
}
