export { startStatefulMock, type RunningStatefulMock, type StatefulMockOptions } from "./server.js";
export { FAULTS, SLOW_ANSWER_MS, isFault, type Fault } from "./faults.js";
