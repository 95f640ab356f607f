import fc from "fast-check";
import { validParams } from "../arbitraries.js";
import { deriveInputCases, sendsEmptyQueryValue, type InputCase, type InputCheck } from "../cases.js";
import type { Failure } from "../result.js";
import type { ParamValues } from "../request.js";
import { Skip, type Exchange } from "../session.js";
import { documented4xx, type OperationModel, type ParameterModel } from "../spec.js";
import { describeAnswer, describeParams, failureOf, transportViolation, type CheckContext } from "./context.js";
import { defineCheck, type CheckCase } from "./registry.js";

/** 401 and 429 are documented 4xx, but they say "who are you" and "slow down", not "bad input". */
const NOT_INPUT_REFUSALS = new Set([401, 429]);

/** The documented statuses that refuse a bad input. */
export function refusalStatuses(operation: OperationModel): number[] {
  return documented4xx(operation).filter((status) => !NOT_INPUT_REFUSALS.has(status));
}

function isAccepted(exchange: Exchange): boolean {
  return exchange.outcome.kind === "response" && exchange.outcome.status >= 200 && exchange.outcome.status < 300;
}

/** Whether a parameter names a resource by its ID (`host_id`, `enterprise_project_id`). */
function namesResource(parameter: ParameterModel): boolean {
  return parameter.name.endsWith("_id");
}

/**
 * The ID parameters of a call whose value may name nothing the target holds: any value other
 * than the run's own (given or discovered), the spec's default and a value that selects everything.
 */
function unknownIds(context: CheckContext, params: ParamValues): ParameterModel[] {
  return context.operation.parameters.filter((parameter) => {
    const value = params[parameter.name];
    if (!namesResource(parameter) || value === undefined || value === context.base[parameter.name]) return false;
    return value !== parameter.rules.default && !(parameter.filter?.matchAll ?? []).includes(String(value));
  });
}

/** Whether a refusal is one the spec documents for the operation, and the call named an ID that may name nothing. */
function refusedForUnknownId(context: CheckContext, exchange: Exchange, params: ParamValues): boolean {
  const status = exchange.outcome.kind === "response" ? exchange.outcome.status : 0;
  return refusalStatuses(context.operation).includes(status) && unknownIds(context, params).length > 0;
}

/**
 * The failure of a call the spec says must be accepted: 2xx, or, where an ID in it may name
 * nothing, any refusal the spec documents for the operation.
 */
function acceptFailures(context: CheckContext, exchange: Exchange, params: ParamValues, why: string, note?: string): Failure[] {
  const transport = transportViolation(exchange);
  if (transport) return [failureOf(context.session, exchange, [transport], note)];
  if (isAccepted(exchange) || refusedForUnknownId(context, exchange, params)) return [];
  const ids = context.operation.parameters.filter(namesResource).map((p) => p.name);
  const expected = ids.length > 0 ? `2xx (or a documented refusal when ${ids.join(" or ")} names nothing): ${why}` : `2xx: ${why}`;
  return [failureOf(context.session, exchange, [{ where: "status", expected, got: describeAnswer(context.session, exchange) }], note)];
}

function refuseFailures(context: CheckContext, exchange: Exchange, label: string): Failure[] {
  const transport = transportViolation(exchange);
  if (transport) return [failureOf(context.session, exchange, [transport])];
  const allowed = refusalStatuses(context.operation);
  const status = exchange.outcome.kind === "response" ? exchange.outcome.status : 0;
  if (allowed.includes(status)) return [];
  return [failureOf(context.session, exchange, [{
    where: "status",
    expected: `a documented refusal (${allowed.join(", ")}) of ${label}`,
    got: describeAnswer(context.session, exchange),
  }])];
}

function paramsFor(context: CheckContext, inputCase: InputCase): ParamValues {
  const params: ParamValues = { ...context.base };
  if (inputCase.value === undefined) delete params[inputCase.parameter.name];
  else params[inputCase.parameter.name] = inputCase.value;
  return params;
}

function boundaryCase(inputCase: InputCase): CheckCase {
  return {
    subject: inputCase.label,
    ...(sendsEmptyQueryValue(inputCase)
      ? { notInMock: "Prism treats an empty query value as an absent parameter" }
      : {}),
    async run(context) {
      const params = paramsFor(context, inputCase);
      const exchange = await context.session.send({ operation: context.operation, params }, inputCase.check);
      return inputCase.expect === "accept"
        ? acceptFailures(context, exchange, params, `the spec allows ${inputCase.label}`)
        : refuseFailures(context, exchange, inputCase.label);
    },
  };
}

/** The boundary cases of `check` derived from the operation's parameter schemas. */
const casesOf = (check: InputCheck) => (operation: OperationModel): CheckCase[] =>
  deriveInputCases(operation).filter((inputCase) => inputCase.check === check).map(boundaryCase);

defineCheck({
  name: "inputs.accepted",
  rule: "the valid call, and every value at a bound the spec states and every enum and boolean value, are answered 2xx; where an ID (`host_id`, `enterprise_project_id`) may name nothing the target holds, any refusal the spec documents for the operation will do",
  plan: (operation) => [
    {
      subject: "required parameters only",
      run: async (context) => acceptFailures(context, context.baseline, context.base, "the call has every required parameter and nothing else"),
    },
    ...casesOf("inputs.accepted")(operation),
  ],
});
defineCheck({ name: "inputs.below-min", rule: "one below the minimum (or the integer format's range) is refused", plan: casesOf("inputs.below-min") });
defineCheck({ name: "inputs.above-max", rule: "one above the maximum (or the integer format's range) is refused", plan: casesOf("inputs.above-max") });
defineCheck({ name: "inputs.wrong-type", rule: "`abc` for an integer and `yes` for a boolean are refused", plan: casesOf("inputs.wrong-type") });
defineCheck({
  name: "inputs.strict-parsing",
  rule: "what lenient parsers read as a valid value is refused where the spec says integer, boolean or enum: `10.5`, `1e1`, `0x14` and an empty value for an integer; `1`, `TRUE` and `t` for a boolean; an enum value in another case",
  notInMock: "Prism's type coercion (Ajv) reads some of these forms as valid values",
  plan: casesOf("inputs.strict-parsing"),
});
defineCheck({ name: "inputs.bad-enum", rule: "a value outside the enum is refused", plan: casesOf("inputs.bad-enum") });
defineCheck({ name: "inputs.too-short", rule: "one character under minLength (when above 0) is refused", plan: casesOf("inputs.too-short") });
defineCheck({ name: "inputs.too-long", rule: "one character over maxLength is refused", plan: casesOf("inputs.too-long") });
defineCheck({ name: "inputs.missing-required", rule: "each required parameter left out is refused", gateway: true, plan: casesOf("inputs.missing-required") });

defineCheck({
  name: "inputs.generated",
  rule: "fast-check's valid combinations of the optional query parameters are each answered 2xx (or a documented refusal where an ID may name nothing); a failure is shrunk and reported with its seed",
  plan(operation) {
    const arbitrary = validParams(operation);
    return [{
      subject: "valid parameter combinations",
      async run(context) {
        let lastFailure: { exchange: Exchange; params: ParamValues } | undefined;
        const passes = (exchange: Exchange, params: ParamValues) => isAccepted(exchange) || refusedForUnknownId(context, exchange, params);
        const property = fc.asyncProperty(arbitrary, async (generated) => {
          const params = { ...context.base, ...generated };
          const exchange = await context.session.send({ operation, params }, "inputs.generated");
          if (!passes(exchange, params)) lastFailure = { exchange, params };
          return passes(exchange, params);
        });
        const result = await fc.check(property, { seed: context.seed, numRuns: context.propertyRuns });
        if (result.errorInstance instanceof Skip) throw result.errorInstance;
        if (!result.failed) return [];
        if (!result.counterexample) {
          return [{ note: `fast-check stopped: ${String(result.errorInstance ?? "no counterexample")}`, violations: [] }];
        }
        const [shrunk] = result.counterexample;
        // Send the shrunk case once more so the report shows its own request and answer.
        const replayed = { ...context.base, ...shrunk };
        const replay = await context.session.send({ operation, params: replayed }, "inputs.generated");
        const failing = passes(replay, replayed) ? lastFailure ?? { exchange: replay, params: replayed } : { exchange: replay, params: replayed };
        const note = `fast-check failed after ${result.numRuns} run(s), shrunk ${result.numShrinks} time(s) to ${describeParams(shrunk)} ` +
          `(seed ${result.seed}, path ${result.counterexamplePath ?? "-"}); rerun with --seed ${result.seed}`;
        return acceptFailures(context, failing.exchange, failing.params, "every parameter is inside its schema", note);
      },
    }];
  },
});
