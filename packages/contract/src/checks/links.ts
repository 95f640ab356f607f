// The link checks: the spec's links (on the 200 responses, `x-hss-link: every-item`) say where
// the values of an operation's items lead. Each check follows the links of an operation from the
// items of its valid answer and holds the target to them.
import type { Failure } from "../result.js";
import { Skip } from "../session.js";
import type { LinkModel, OperationModel } from "../spec.js";
import { describeAnswer, failureOf, listBodyOf, type CheckContext } from "./context.js";
import { defineCheck, type CheckName } from "./registry.js";

/** How many distinct values of a linked field a check follows: each costs one request. */
const VALUES_PER_LINK = 3;

const STATELESS = "a stateless mock answers every call with the same example, whose IDs lead nowhere";

/**
 * Follows one link from the items of the operation's valid answer: up to {@link VALUES_PER_LINK}
 * distinct values of the field, each sent to the target with its other required parameters as
 * the run knows them, and `judge` says what is wrong with each answer.
 */
async function follow(
  context: CheckContext,
  link: LinkModel,
  check: CheckName,
  judge: (answer: { session: CheckContext["session"]; exchange: Awaited<ReturnType<CheckContext["session"]["send"]>>; value: string | number | boolean }) => Failure | undefined,
): Promise<Failure[]> {
  const target = context.spec.operations.find((o) => o.id === link.to)!;
  const source = listBodyOf(context.session, context.baseline);
  if ("failure" in source) return [source.failure];
  const values = [...new Set(source.body.data_list.map((item) => item[link.field]))]
    .filter((value): value is string | number | boolean => ["string", "number", "boolean"].includes(typeof value))
    .slice(0, VALUES_PER_LINK);
  if (values.length === 0) throw new Skip(`no item of the valid answer has a ${link.field} to follow`);
  const failures: Failure[] = [];
  for (const value of values) {
    const params = paramsFor(target, link, value, context);
    const exchange = await context.session.send({ operation: target, params }, check);
    const failure = judge({ session: context.session, exchange, value });
    if (failure) failures.push(failure);
  }
  return failures;
}

/** The target's required parameters: the linked value, and the others as the source's valid call had them. */
function paramsFor(target: OperationModel, link: LinkModel, value: string | number | boolean, context: CheckContext): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = { [link.parameter]: value };
  for (const parameter of target.parameters.filter((p) => p.required && p.name !== link.parameter)) {
    const known = context.base[parameter.name];
    if (known === undefined) throw new Skip(`${link.to} also requires ${parameter.name}, which the valid call of ${context.operation.id} does not carry`);
    params[parameter.name] = known;
  }
  return params;
}

/** Defines a link check, planned once per link of the operation of the kind it checks. */
function linkCheck(name: CheckName, rule: string, required: boolean, judge: (link: LinkModel, context: CheckContext) => Parameters<typeof follow>[3]): void {
  defineCheck({
    name,
    rule,
    notInMock: STATELESS,
    plan: (operation) => operation.links.filter((link) => link.required === required).map((link) => ({
      subject: `${link.name}: ${link.field} -> ${link.to} ${link.parameter}`,
      run: (context) => follow(context, link, name, judge(link, context)),
    })),
  });
}

linkCheck(
  "links.found",
  "every value a link leads from (a port's `host_id`) finds its record in the operation the link leads to, through the optional filter it sets (a server of `listHostStatus` with that `host_id`)",
  false,
  (link, context) => ({ session, exchange, value }) => {
    const target = context.spec.operations.find((o) => o.id === link.to)!;
    const field = target.parameters.find((p) => p.name === link.parameter)?.filter?.field ?? link.parameter;
    const parsed = listBodyOf(session, exchange);
    if ("failure" in parsed) return parsed.failure;
    if (parsed.body.data_list.some((item) => item[field] === value)) return undefined;
    return failureOf(session, exchange, [{
      where: "body.data_list",
      expected: `a record with ${field} ${JSON.stringify(value)}: the ${link.field} an item of ${link.from} carries (link ${link.name})`,
      got: `${parsed.body.data_list.length} items, none with it`,
    }]);
  },
);

linkCheck(
  "links.accepted",
  "every value a link leads from (a scan task's `id`) is accepted by the operation the link leads to as the required parameter it sets (`listVulScanTaskHost`'s `task_id`): a 2xx answer",
  true,
  (link) => ({ session, exchange, value }) => {
    if (exchange.outcome.kind === "response" && exchange.outcome.status >= 200 && exchange.outcome.status < 300) return undefined;
    return failureOf(session, exchange, [{
      where: "status",
      expected: `2xx for ${link.parameter} ${JSON.stringify(value)}, the ${link.field} of an item of ${link.from} (link ${link.name})`,
      got: describeAnswer(session, exchange),
    }]);
  },
);
