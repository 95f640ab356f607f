// @hss-kit/mcp: an MCP server with one read-only tool per read operation of the HSS spec.

export { createServerFactory, toolError, DEFAULT_CAPS, type HssMcpOptions } from "./server.js";
export { startHttpServer, MCP_PATH, type HttpOptions, type RunningHttpServer } from "./http.js";
export { toolsOf, toolParameters, type ToolSpec, type ResultCaps, type ArgumentSchema } from "./tools.js";
export { capPage, withReadableTimes, timeFieldsOf, type PageResult } from "./results.js";
