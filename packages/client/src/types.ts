import type { operations as SpecOperations, paths } from "./generated/schema.js";
import type { OperationId, operations } from "./generated/operations.js";
import type { CallOptions } from "./config.js";
import type { WithResponse } from "./response.js";

type Defined<T> = [Exclude<T, undefined>] extends [never] ? {} : Exclude<T, undefined>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Parameters_<Op extends OperationId> = SpecOperations[Op]["parameters"];
type HeaderParams<Op extends OperationId> = Defined<Parameters_<Op>["header"]>;

/**
 * The flat parameters of an operation: its path parameters other than `project_id`, its query
 * parameters and its header parameters, with `region` optional because the client supplies it.
 */
export type OperationParams<Op extends OperationId> = Simplify<
  Omit<Defined<Parameters_<Op>["path"]>, "project_id"> &
    Defined<Parameters_<Op>["query"]> &
    Omit<HeaderParams<Op>, "region"> &
    ("region" extends keyof HeaderParams<Op> ? { region?: string } : {})
>;

/** The body of an operation's 200 response. */
export type OperationResult<Op extends OperationId> =
  SpecOperations[Op]["responses"][200]["content"]["application/json"];

/** One item of an operation's `data_list`. */
export type OperationItem<Op extends OperationId> = OperationResult<Op>["data_list"][number];

/** The operations that page by `offset` and `limit`, as the generator found them in the spec. */
export type PaginatedOperationId = {
  [Op in OperationId]: (typeof operations)[Op]["paginated"] extends true ? Op : never;
}[OperationId];

/** The names of the required keys of T. */
export type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** A method of the client: one flat parameter object in, the typed 200 body out. */
export type OperationMethod<Op extends OperationId> = OperationCall<Op, OperationResult<Op>> & {
  /**
   * The same call, resolving to the body and the response it came in:
   * `const { data, response } = await hss.listPorts.withResponse({ host_id })`.
   */
  readonly withResponse: OperationCall<Op, WithResponse<OperationResult<Op>>>;
};

/** A call of an operation that resolves to `Result`; its params are optional when none is required. */
type OperationCall<Op extends OperationId, Result> =
  RequiredKeys<OperationParams<Op>> extends never
    ? (params?: OperationParams<Op>, options?: CallOptions) => Promise<Result>
    : (params: OperationParams<Op>, options?: CallOptions) => Promise<Result>;

type PathWithOptionalProjectId<PathParams> = Omit<PathParams, "project_id"> & { project_id?: string };

type WithOptionalProjectId<Operation> = Operation extends { parameters: { path: infer PathParams } }
  ? Omit<Operation, "parameters"> & {
      parameters: Omit<Operation["parameters"], "path"> &
        (RequiredKeys<Omit<PathParams, "project_id">> extends never
          ? { path?: PathWithOptionalProjectId<PathParams> }
          : { path: PathWithOptionalProjectId<PathParams> });
    }
  : Operation;

/** The spec's paths with `project_id` optional, because the client fills it in. */
export type HssPaths = {
  [Path in keyof paths]: { [Method in keyof paths[Path]]: WithOptionalProjectId<paths[Path][Method]> };
};
