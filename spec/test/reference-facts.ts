// What Huawei's API reference pages state about the operations beyond the seed documents (the
// ones marked `x-hss-source: reference`), transcribed by hand from "Querying ECSs" (ListHostStatus)
// and "Querying the Vulnerability Scan Tasks" (ListVulScanTask): the query parameters with the
// rules the pages give, and the fields of one `data_list` item. The spec must carry all of it, except
// the parameters it leaves out on purpose (said in the operation's description); anything it adds
// must be marked `x-hss-source: sdk`.
import type { SeedOperation, SeedParameter } from "./seed-facts.js";

/** An operation of a reference page: as a seed's, with the query parameters the spec leaves out. */
export interface ReferenceOperation extends SeedOperation {
  /** Parameters of the page the spec does not carry, each with why (the operation's description says it too). */
  leftOut: Record<string, string>;
}

const text = { in: "query", type: "string" } as const satisfies SeedParameter;
const flag = { in: "query", type: "boolean" } as const satisfies SeedParameter;

export const referenceOperations: Record<string, ReferenceOperation> = {
  listHostStatus: {
    path: "/v5/{project_id}/host-management/hosts",
    parameters: {
      project_id: { in: "path", required: true, type: "string", minLength: 1, maxLength: 256 },
      enterprise_project_id: { ...text, minLength: 1, maxLength: 256, default: "0" },
      version: { ...text, enum: ["hss.version.null", "hss.version.basic", "hss.version.advanced", "hss.version.enterprise", "hss.version.premium", "hss.version.wtp", "hss.version.container.enterprise"] },
      agent_status: { ...text, enum: ["not_installed", "online", "offline", "install_failed", "installing", "not_online"] },
      detect_result: { ...text, enum: ["undetected", "clean", "risk", "scanning"] },
      host_name: text,
      host_id: text,
      host_status: { ...text, enum: ["ACTIVE", "SHUTOFF", "BUILDING", "ERROR"] },
      os_type: { ...text, enum: ["Linux", "Windows"] },
      private_ip: text,
      public_ip: text,
      ip_addr: text,
      protect_status: text,
      group_id: text,
      group_name: { ...text, minLength: 1, maxLength: 64 },
      has_intrusion: flag,
      policy_group_id: { ...text, minLength: 0, maxLength: 128 },
      policy_group_name: { ...text, minLength: 0, maxLength: 256 },
      charging_mode: { ...text, enum: ["packet_cycle", "on_demand"] },
      outside_host: flag,
      asset_value: { ...text, enum: ["important", "common", "test"] },
      label: { ...text, minLength: 1, maxLength: 64 },
      server_group: { ...text, minLength: 1, maxLength: 64 },
      agent_upgradable: flag,
      limit: { in: "query", type: "integer", format: "int32", default: 10 },
      offset: { in: "query", type: "integer", format: "int32", default: 0 },
    },
    leftOut: {
      refresh: "makes HSS synchronize its servers from ECS first: a side effect",
      above_version: "turns version into a lower bound",
    },
    totalNumFormat: "int32",
    itemSchema: "HostInfo",
    fields: {
      host_name: { type: "string" },
      host_id: { type: "string" },
      agent_id: { type: "string" },
      private_ip: { type: "string" },
      public_ip: { type: "string" },
      host_status: { type: "string", enum: ["ACTIVE", "SHUTOFF", "BUILDING", "ERROR"] },
      agent_status: { type: "string" },
      version: { type: "string" },
      protect_status: { type: "string" },
      os_image: { type: "string" },
      os_type: { type: "string", enum: ["Linux", "Windows"] },
      os_bit: { type: "string" },
      detect_result: { type: "string", enum: ["undetected", "clean", "risk", "scanning"] },
      charging_mode: { type: "string", enum: ["packet_cycle", "on_demand"] },
      outside_host: { type: "boolean" },
      group_id: { type: "string" },
      group_name: { type: "string" },
      policy_group_id: { type: "string" },
      policy_group_name: { type: "string" },
      asset: { type: "integer", format: "int32" },
      vulnerability: { type: "integer", format: "int32" },
      baseline: { type: "integer", format: "int32" },
      intrusion: { type: "integer", format: "int32" },
      asset_value: { type: "string", enum: ["important", "common", "test"] },
      labels: { type: "array" },
      agent_create_time: { type: "integer", format: "int64" },
      agent_update_time: { type: "integer", format: "int64" },
      agent_version: { type: "string" },
      upgradable: { type: "boolean" },
      open_time: { type: "integer", format: "int64" },
      protect_interrupt: { type: "boolean" },
    },
  },
  listVulScanTask: {
    path: "/v5/{project_id}/vulnerability/scan-tasks",
    parameters: {
      project_id: { in: "path", required: true, type: "string" },
      enterprise_project_id: { ...text, default: "0" },
      limit: { in: "query", type: "integer", format: "int32" },
      offset: { in: "query", type: "integer", format: "int32", minimum: 0, default: 0 },
      scan_type: { ...text, enum: ["manual", "schedule"] },
      task_id: text,
      min_start_time: { in: "query", type: "integer", format: "int64" },
      max_start_time: { in: "query", type: "integer", format: "int64" },
    },
    leftOut: {},
    totalNumFormat: "int64",
    itemSchema: "VulScanTaskInfo",
    fields: {
      id: { type: "string" },
      scan_type: { type: "string", enum: ["manual", "schedule"] },
      start_time: { type: "integer", format: "int64" },
      end_time: { type: "integer", format: "int64" },
      scan_vul_types: { type: "array" },
      status: { type: "string", enum: ["running", "finished"] },
      scanning_host_num: { type: "integer", format: "int32" },
      success_host_num: { type: "integer", format: "int32" },
      failed_host_num: { type: "integer", format: "int32" },
    },
  },
};
