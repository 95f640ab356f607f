import type { AuthMode } from "../request.js";
import { describeAnswer, failureOf, transportViolation } from "./context.js";
import { defineCheck, type CheckName } from "./registry.js";

/** Which credentials a check needs: a token, AK/SK signing, or either. */
type Needs = "token" | "aksk" | "any";

const NOT_VERIFIED = "Prism accepts any Authorization header";

/**
 * Defines an auth check: a valid call sent with `auth` (no credentials, an empty or wrong token,
 * a broken signature) must be refused with 401. Only the checks the run's credentials can make
 * are planned: a token run cannot forge signatures.
 */
function authCheck(name: CheckName, rule: string, auth: AuthMode, subject: string, needs: Needs, extra: { notInMock?: string; gateway?: true } = {}): void {
  defineCheck({
    name,
    rule,
    ...(needs === "token" ? { needs: "--token" } : needs === "aksk" ? { needs: "--access-key and --secret-key" } : {}),
    ...extra,
    plan(_operation, { signs }) {
      if (needs !== "any" && (needs === "aksk") !== signs) return [];
      return [{
        subject,
        async run(context) {
          const exchange = await context.session.send({ operation: context.operation, params: context.base, auth }, name);
          const transport = transportViolation(exchange);
          if (transport) return [failureOf(context.session, exchange, [transport])];
          if (exchange.outcome.kind === "response" && exchange.outcome.status === 401) return [];
          return [failureOf(context.session, exchange, [{ where: "status", expected: `401 for ${subject}`, got: describeAnswer(context.session, exchange) }])];
        },
      }];
    },
  });
}

authCheck("auth.missing-token", "a call without credentials is refused with 401", "none", "no credentials (no X-Auth-Token, no Authorization)", "any", { gateway: true });
authCheck("auth.empty-token", "an empty `X-Auth-Token` is refused with 401", "empty", "an empty X-Auth-Token header", "token");
// The wrong token is the real one with a suffix, so only a server that knows the real token can
// tell; Prism accepts any non-empty token.
authCheck("auth.wrong-token", "the real token with a suffix is refused with 401", "wrong", "a wrong X-Auth-Token", "token", { notInMock: "Prism accepts any non-empty token" });
authCheck("auth.wrong-signature", "a request signed with a wrong secret key is refused with 401", "wrong-signature", "a signature made with a wrong secret key", "aksk", { notInMock: NOT_VERIFIED });
authCheck("auth.stale-date", "a signature whose `X-Sdk-Date` is 20 minutes old (past the gateway's 15) is refused with 401", "stale-date", "an X-Sdk-Date 20 minutes old", "aksk", { notInMock: NOT_VERIFIED });
authCheck("auth.future-date", "a signature whose `X-Sdk-Date` is 30 minutes ahead (past the gateway's 15 the other way) is refused with 401", "future-date", "an X-Sdk-Date 30 minutes in the future", "aksk", { notInMock: NOT_VERIFIED });
authCheck("auth.tampered-query", "a request whose query was changed after signing is refused with 401", "tampered-query", "a query changed after signing", "aksk", { notInMock: NOT_VERIFIED });
authCheck("auth.missing-signed-header", "a request that leaves out a header its signature lists is refused with 401", "missing-signed-header", "a signed header left out of the request", "aksk", { notInMock: NOT_VERIFIED });
