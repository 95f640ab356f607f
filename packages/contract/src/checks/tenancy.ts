// The tenancy checks: one project's records never reach a caller of another project, whether
// the caller holds another project's credential or names a project that is not its own.

import type { Failure } from "../result.js";
import type { ParamValues } from "../request.js";
import { preview } from "../schema.js";
import { Skip, type Exchange } from "../session.js";
import { canonical } from "./pagination.js";
import { describeAnswer, failureOf, listBodyOf, transportViolation, type CheckContext } from "./context.js";
import { defineCheck } from "./registry.js";

const STATELESS = "a stateless mock serves the same example to every project and credential";

/** The baseline's items, canonical, or a skip: with no record of its own, a project has nothing to leak. */
function ownRecords(context: CheckContext): Set<string> {
  const parsed = listBodyOf(context.session, context.baseline);
  if ("failure" in parsed) throw new Skip("the valid call got no list body to compare with (see inputs.accepted)");
  if (parsed.body.data_list.length === 0) throw new Skip("the project holds no records that another caller could read");
  return new Set(parsed.body.data_list.map(canonical));
}

/**
 * The failure of an exchange that reads this project's records: a 2xx whose items include one
 * of the baseline's. A refusal, or an answer holding none of them, passes.
 */
function leaks(context: CheckContext, exchange: Exchange, own: Set<string>, who: string): Failure[] {
  const transport = transportViolation(exchange);
  if (transport) return [failureOf(context.session, exchange, [transport])];
  if (exchange.outcome.kind !== "response" || exchange.outcome.status < 200 || exchange.outcome.status > 299) return [];
  const parsed = listBodyOf(context.session, exchange);
  if ("failure" in parsed) return [parsed.failure];
  const leaked = parsed.body.data_list.filter((item) => own.has(canonical(item)));
  if (leaked.length === 0) return [];
  return [failureOf(context.session, exchange, [{
    where: "body.data_list",
    expected: `none of project ${String(context.base.project_id)}'s records for ${who} (401, 403, 404, or a list without them)`,
    got: `${leaked.length} of its records (${describeAnswer(context.session, exchange)}), first ${preview(leaked[0])}`,
  }])];
}

defineCheck({
  name: "tenancy.other-credential",
  rule: "a valid credential of another project never reads this project's records: the call is refused (401, 403, 404) or its list holds none of them",
  needs: "--other-token, or --other-access-key and --other-secret-key: a credential of another project",
  notInMock: STATELESS,
  plan: (operation, { otherCredentials }) => (otherCredentials && operation.parameters.some((p) => p.name === "project_id")
    ? [{
        subject: "another project's credential",
        async run(context) {
          const own = ownRecords(context);
          const exchange = await context.session.send({ operation: context.operation, params: context.base, auth: "other" }, "tenancy.other-credential");
          return leaks(context, exchange, own, "a caller with another project's credential");
        },
      }]
    : []),
});

/** A project ID of the same length as the run's that names another project. */
function madeUpProject(real: string): string {
  const made = "f".repeat(real.length);
  return made === real ? "e".repeat(real.length) : made;
}

defineCheck({
  name: "tenancy.made-up-project",
  rule: "a made-up `project_id` in the path, called with this project's credential, never returns this project's records",
  notInMock: STATELESS,
  plan: (operation) => (operation.parameters.some((p) => p.name === "project_id" && p.in === "path")
    ? [{
        subject: "project_id made up",
        async run(context) {
          const own = ownRecords(context);
          const params: ParamValues = { ...context.base, project_id: madeUpProject(String(context.base.project_id)) };
          const exchange = await context.session.send({ operation: context.operation, params }, "tenancy.made-up-project");
          return leaks(context, exchange, own, `project_id ${String(params.project_id)}`);
        },
      }]
    : []),
});
