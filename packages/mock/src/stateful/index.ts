export { startStatefulMock, type RunningStatefulMock, type StatefulMockOptions } from "./server.js";
export { FAULTS, SLOW_ANSWER_MS, isFault, type Fault } from "./faults.js";
export { Throttle, callerOf, parseRateLimit, throttleMessage, type RateLimitOptions, type Throttled } from "../throttle.js";
