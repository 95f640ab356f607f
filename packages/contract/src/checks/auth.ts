import type { AuthMode } from "../request.js";
import { describeAnswer, failureOf, transportViolation, type PlannedCheck } from "./context.js";
import type { CheckName } from "./registry.js";

function authCheck(check: CheckName, auth: AuthMode, subject: string): PlannedCheck {
  return {
    check,
    subject,
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
export function authChecks(): PlannedCheck[] {
  return [
    authCheck("auth.missing-token", "none", "no X-Auth-Token header"),
    authCheck("auth.empty-token", "empty", "an empty X-Auth-Token header"),
    authCheck("auth.wrong-token", "wrong", "a wrong X-Auth-Token"),
  ];
}
