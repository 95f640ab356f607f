// @hss-kit/contract: hold any implementation of the HSS v5 API to the spec. runContract is the
// library form of the hss-contract CLI; the rest are its building blocks and report formats.
export { checkNames, runContract, TargetUnreachableError } from "./run.js";
export { UsageError, DEFAULT_MAX_BODY_BYTES, DEFAULT_PROPERTY_RUNS, DEFAULT_REGION, DEFAULT_TIMEOUT_MS } from "./options.js";
export type { ContractOptions, ResolvedOptions } from "./options.js";
export type { Profile } from "./checks/context.js";
export { FAMILIES, summarize, summaryLine } from "./result.js";
export type { CheckResult, CheckStatus, ContractReport, Failure, Summary, Violation } from "./result.js";
export { formatConsole } from "./report/console.js";
export type { ConsoleOptions } from "./report/console.js";
export { formatHtml } from "./report/html.js";
export { groupFailures } from "./report/groups.js";
export type { FailureGroup } from "./report/groups.js";
export { formatJson } from "./report/json.js";
export { formatJunit } from "./report/junit.js";
export { startValidationProxy } from "./proxy.js";
export type { ProxyOptions, RunningProxy } from "./proxy.js";
export { ResponseValidator, SPEC_SCHEMA_ID } from "./schema.js";
export { loadModel, readModel, bundledSpecPath } from "./spec.js";
export type { Json, JsonObject, SpecModel, OperationModel, ParameterModel, ResponseModel, ParameterRules } from "./spec.js";
export { deriveInputCases } from "./cases.js";
export type { InputCase, InputCheck } from "./cases.js";
export { main, USAGE } from "./main.js";
export type { CliIo } from "./main.js";
