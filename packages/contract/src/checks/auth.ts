import type { AuthMode } from "../request.js";
import { describeAnswer, failureOf, transportViolation, type PlannedCheck } from "./context.js";
import type { CheckName } from "./registry.js";

/** Which credentials a check needs: a token, AK/SK signing, or either. */
type Needs = "token" | "accessKey" | "any";

function authCheck(check: CheckName, auth: AuthMode, subject: string, needs: Needs): PlannedCheck & { needs: Needs } {
  return {
    check,
    subject,
    needs,
    async run(context) {
      const exchange = await context.session.send({ operation: context.operation, params: context.base, auth }, check);
      const transport = transportViolation(exchange);
      if (transport) return [failureOf(context.session, exchange, [transport])];
      if (exchange.outcome.kind === "response" && exchange.outcome.status === 401) return [];
      return [failureOf(context.session, exchange, [{ where: "status", expected: `401 for ${subject}`, got: describeAnswer(context.session, exchange) }])];
    },
  };
}

/**
 * The auth checks of one operation: a valid call without a token, with an empty one and with a
 * wrong one must each be refused with 401. The wrong token is the real one with a suffix, so only
 * a server that knows the real token can tell; Prism accepts any non-empty token, hence the
 * mock profile leaves that one out.
 */
export function authChecks(signs: boolean): PlannedCheck[] {
  const all = [
    authCheck("auth.missing-token", "none", "no credentials (no X-Auth-Token, no Authorization)", "any"),
    authCheck("auth.empty-token", "empty", "an empty X-Auth-Token header", "token"),
    authCheck("auth.wrong-token", "wrong", "a wrong X-Auth-Token", "token"),
    authCheck("auth.wrong-signature", "wrong-signature", "a signature made with a wrong secret key", "accessKey"),
    authCheck("auth.stale-date", "stale-date", "an X-Sdk-Date 20 minutes old", "accessKey"),
    authCheck("auth.tampered-query", "tampered-query", "a query changed after signing", "accessKey"),
    authCheck("auth.missing-signed-header", "missing-signed-header", "a signed header left out of the request", "accessKey"),
  ];
  // Only the checks the run's credentials can make: a token run cannot forge signatures.
  return all.filter(({ needs }) => needs === "any" || (needs === "accessKey") === signs);
}
