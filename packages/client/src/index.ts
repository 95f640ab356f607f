// @hss-kit/client: a typed client for the Huawei Cloud Host Security Service (HSS) v5 API.

export { createHssClient } from "./client.js";
export type { HssClient } from "./client.js";
export type { HssClientOptions, CallOptions } from "./config.js";
export { createRateLimiter } from "./rate-limit.js";
export type { RateLimiter, RateLimitOptions, SlotWait } from "./rate-limit.js";
export type { HssClientEvent, HssEventListener } from "./events.js";
export type { HssCredentials, TokenCredentials, AccessKeyCredentials } from "./credentials.js";
export type { HssCredentialsProvider, HssProvidedCredentials } from "./auth.js";
export type { HssLogger, HssLogLevel } from "./log.js";
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
  REDACTED,
} from "./errors.js";
export type {
  HssApiErrorDetails,
  HssRequestContext,
  HssValidationErrorDetails,
  HssValidationProblem,
} from "./errors.js";
export { HSS_REGIONS } from "./endpoint.js";
export { signRequest, type SdkAuthHeaders, type SignRequestInput } from "./signing/index.js";
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
export type { Page, PaginateMethod, PaginateOptions, PaginateParams, Paginators, WalkProgress } from "./paginate/types.js";
export type { HssResponseInfo, WithResponse } from "./response.js";
export type { FanOutFailure, FanOutMethod, FanOutOptions, FanOutSuccess, FanOuts } from "./fan-out.js";
export type { OperationDescriptor, ParameterDescriptor, ParameterRules, RateLimit, RateLimits } from "./operation-descriptor.js";
export type { Middleware } from "openapi-fetch";
