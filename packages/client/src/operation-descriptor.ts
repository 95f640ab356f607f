import type { ParameterRules } from "@hss-kit/spec/rules";

/** JSON Schema keywords of a parameter, as the spec states them (the one declaration, in @hss-kit/spec). */
export type { ParameterRules };

/** One parameter of an operation, as generated from the spec. */
export interface ParameterDescriptor {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly schema: ParameterRules;
  /** Set when the client fills the parameter in from that option of its configuration. */
  readonly config?: "projectId" | "region";
}

/** What the spec says a 200 body is: its JSON type and the JSON types of its required properties. */
export interface BodyShape {
  readonly type: string;
  readonly required: Readonly<Record<string, string>>;
}

/** One operation of the spec: where it lives and what it takes. */
export interface OperationDescriptor {
  readonly method: "get" | "put" | "post" | "delete" | "patch";
  readonly path: string;
  /** Pages by `offset` and `limit` and answers `{ total_num, data_list }`, so it can be paginated. */
  readonly paginated: boolean;
  readonly parameters: readonly ParameterDescriptor[];
  /** The shape of its 200 JSON body, when the spec gives one. */
  readonly response?: BodyShape;
}
