// Turns a call's one flat parameter object into openapi-fetch's { path, query, header } groups,
// using where the spec puts each parameter. Where that is is worked out once per operation, not
// on every call.

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

/** Where an operation's parameters go, from its descriptor. */
export interface ParamLayout {
  /** The location of each path and header parameter; every other name goes to the query string. */
  readonly location: ReadonlyMap<string, "path" | "header">;
  /** The parameter the client's `region` option fills in, when the operation takes one. */
  readonly regionParameter: string | undefined;
}

/** Works out an operation's {@link ParamLayout}. */
export function layoutOf(descriptor: OperationDescriptor): ParamLayout {
  const location = new Map<string, "path" | "header">();
  for (const parameter of callerParameters(descriptor)) {
    if (parameter.in === "path" || parameter.in === "header") location.set(parameter.name, parameter.in);
  }
  return { location, regionParameter: descriptor.parameters.find((parameter) => parameter.config === "region")?.name };
}

/**
 * Fills in the client's defaults: the parameter the spec fills from the `region` option (the
 * `region` header) is the client's region unless the call names another. Applied before validation, so a required region is only missing when neither
 * the call nor the client has one.
 */
export function withDefaults(layout: ParamLayout, params: FlatParams, region: string | undefined): FlatParams {
  const name = layout.regionParameter;
  return name !== undefined && params[name] === undefined && region !== undefined ? { ...params, [name]: region } : params;
}

/**
 * Groups flat parameters by location, in the order the call gives them. Names the spec does not
 * know go to the query string: with validation on they never get here, and with `validate: false`
 * the caller asked for the request to be sent as given.
 */
export function groupParams(layout: ParamLayout, params: FlatParams): GroupedParams {
  const grouped: GroupedParams = { path: {}, query: {}, header: {} };
  for (const name of Object.keys(params)) {
    const value = params[name];
    if (value !== undefined) grouped[layout.location.get(name) ?? "query"][name] = value;
  }
  return grouped;
}
