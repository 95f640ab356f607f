export { startStatefulMock, type RunningStatefulMock, type StatefulMockOptions } from "./server.js";
export { FAULTS, isFault, type Fault } from "./faults.js";
