// @hss-kit/client: a typed client for the Huawei Cloud Host Security Service (HSS) v5 API.

export { createHssClient } from "./client.js";
export type { HssClient } from "./client.js";
export type { HssClientOptions, CallOptions } from "./options.js";
export type { HssCredentials, TokenCredentials, AccessKeyCredentials } from "./credentials.js";
export {
  HssError,
  HssRequestError,
  HssApiError,
  HssInvalidRequestError,
  HssAuthenticationError,
  HssPermissionError,
  HssNotFoundError,
  HssRateLimitError,
  HssServerError,
  HssRedirectError,
  HssNetworkError,
  HssTimeoutError,
  HssResponseError,
  HssResponseTooLargeError,
  HssValidationError,
  HssPaginationError,
  HssConfigurationError,
  REDACTED_VALUE,
} from "./errors.js";
export type {
  HssApiErrorDetails,
  HssRequestContext,
  HssValidationErrorDetails,
  HssValidationProblem,
} from "./errors.js";
export { HSS_REGIONS, endpointFor } from "./endpoint.js";
export { formatSdkDate, signRequest, type SdkAuthHeaders, type SignRequestInput } from "./signing/index.js";
export { createRedactor, secretForms, REDACTED } from "./redact.js";
export type { Redactor } from "./redact.js";
export type { HssRegion } from "./endpoint.js";
export { operations } from "./generated/operations.js";
export type { OperationId, OperationMethods } from "./generated/operations.js";
export type { paths, components, operations as SpecOperations } from "./generated/schema.js";
export type {
  OperationParams,
  OperationResult,
  OperationItem,
  OperationMethod,
  PaginatedOperationId,
  HssPaths,
} from "./types.js";
export type * from "./generated/items.js";
export type { Page, PaginateMethod, PaginateOptions, PaginateParams, Paginators } from "./paginate/types.js";
export type { HssResponseInfo, WithResponse } from "./response.js";
export type { OperationDescriptor, ParameterDescriptor, ParameterRules } from "./operation-descriptor.js";
export type { Middleware } from "openapi-fetch";
