// Turns a call's one flat parameter object into openapi-fetch's { path, query, header } groups,
// using where the spec puts each parameter.

import type { OperationDescriptor } from "./operation-descriptor.js";
import { callerParameters } from "./validate.js";

/** A call's parameters, as the caller passes them: one flat object. */
export type FlatParams = Record<string, unknown>;

/** Parameters grouped the way openapi-fetch takes them. */
export interface GroupedParams {
  path: FlatParams;
  query: FlatParams;
  header: FlatParams;
}

/**
 * Fills in the client's defaults: the `region` header is the client's region unless the call
 * names another. Applied before validation, so a required region is only missing when neither
 * the call nor the client has one.
 */
export function withDefaults(descriptor: OperationDescriptor, params: FlatParams, region: string | undefined): FlatParams {
  const takesRegion = descriptor.parameters.some((parameter) => parameter.in === "header" && parameter.name === "region");
  return takesRegion && params.region === undefined && region !== undefined ? { ...params, region } : params;
}

/**
 * Groups flat parameters by location. Names the spec does not know go to the query string:
 * with validation on they never get here, and with `validate: false` the caller asked for the
 * request to be sent as given.
 */
export function groupParams(descriptor: OperationDescriptor, params: FlatParams): GroupedParams {
  const grouped: GroupedParams = { path: {}, query: {}, header: {} };
  const location = new Map(
    callerParameters(descriptor).map((parameter) => [parameter.name, parameter.in as keyof GroupedParams]),
  );
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) grouped[location.get(name) ?? "query"][name] = value;
  }
  return grouped;
}
