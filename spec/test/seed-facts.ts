// What the five seed documents (the HSS API reference pages) state, transcribed by hand: the
// parameters and response fields of each operation, with their types and the ranges, enums and
// defaults the pages give. The spec must carry all of it; anything the spec adds must be marked
// `x-hss-source: sdk`.

type Kind = "string" | "integer" | "boolean" | "array";

/** A seed's parameter: where it goes, whether it is mandatory, and the rules the page states. */
export interface SeedParameter {
  in: "path" | "query" | "header";
  required?: boolean;
  type: Kind;
  format?: "int32" | "int64";
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: string[];
  default?: unknown;
}

/** A seed's operation: its path, parameters and the fields of one `data_list` item. */
export interface SeedOperation {
  path: string;
  parameters: Record<string, SeedParameter>;
  totalNumFormat: "int32" | "int64";
  itemSchema: string;
  fields: Record<string, { type: Kind; format?: "int32" | "int64"; enum?: string[] }>;
}

const category = { in: "query", type: "string", enum: ["host", "container"], default: "host" } as const;

export const seedOperations: Record<string, SeedOperation> = {
  listProcessesHost: {
    path: "/v5/{project_id}/asset/processes/detail",
    parameters: {
      project_id: { in: "path", required: true, type: "string" },
      enterprise_project_id: { in: "query", type: "string" },
      host_name: { in: "query", type: "string" },
      host_ip: { in: "query", type: "string" },
      path: { in: "query", type: "string" },
      category,
      limit: { in: "query", type: "integer", format: "int32", default: 10 },
      offset: { in: "query", type: "integer", format: "int32" },
    },
    totalNumFormat: "int32",
    itemSchema: "ProcessesHostResponseInfo",
    fields: {
      hash: { type: "string" },
      host_ip: { type: "string" },
      host_name: { type: "string" },
      launch_params: { type: "string" },
      launch_time: { type: "integer", format: "int64" },
      process_path: { type: "string" },
      process_pid: { type: "integer", format: "int32" },
      run_permission: { type: "string" },
      container_id: { type: "string" },
      container_name: { type: "string" },
    },
  },
  listUsers: {
    path: "/v5/{project_id}/asset/users",
    parameters: {
      project_id: { in: "path", required: true, type: "string" },
      host_id: { in: "query", type: "string" },
      user_name: { in: "query", type: "string" },
      host_name: { in: "query", type: "string" },
      private_ip: { in: "query", type: "string" },
      login_permission: { in: "query", type: "boolean" },
      root_permission: { in: "query", type: "boolean" },
      user_group: { in: "query", type: "string" },
      enterprise_project_id: { in: "query", type: "string" },
      limit: { in: "query", type: "integer", format: "int32", default: 10 },
      offset: { in: "query", type: "integer", format: "int32", minimum: 0 },
    },
    totalNumFormat: "int32",
    itemSchema: "UserResponseInfo",
    fields: {
      agent_id: { type: "string" },
      host_id: { type: "string" },
      host_name: { type: "string" },
      host_ip: { type: "string" },
      user_name: { type: "string" },
      login_permission: { type: "boolean" },
      root_permission: { type: "boolean" },
      user_group_name: { type: "string" },
      user_home_dir: { type: "string" },
      shell: { type: "string" },
      recent_scan_time: { type: "integer", format: "int64" },
    },
  },
  listPorts: {
    path: "/v5/{project_id}/asset/ports",
    parameters: {
      project_id: { in: "path", required: true, type: "string", minLength: 1, maxLength: 256 },
      host_id: { in: "query", required: true, type: "string", minLength: 0, maxLength: 128 },
      host_name: { in: "query", type: "string", minLength: 0, maxLength: 128 },
      host_ip: { in: "query", type: "string", minLength: 0, maxLength: 128 },
      port: { in: "query", type: "integer", format: "int32", minimum: 1, maximum: 65535 },
      type: { in: "query", type: "string", enum: ["TCP", "UDP"] },
      status: { in: "query", type: "string" },
      enterprise_project_id: { in: "query", type: "string", minLength: 0, maxLength: 256, default: "0" },
      limit: { in: "query", type: "integer", format: "int32", minimum: 10, maximum: 200, default: 10 },
      offset: { in: "query", type: "integer", format: "int32", minimum: 0, maximum: 2000000, default: 0 },
      category: { in: "query", type: "string", default: "host" },
    },
    totalNumFormat: "int32",
    itemSchema: "PortResponseInfo",
    fields: {
      host_id: { type: "string" },
      laddr: { type: "string" },
      status: { type: "string" },
      port: { type: "integer", format: "int32" },
      type: { type: "string", enum: ["TCP", "UDP"] },
      pid: { type: "integer", format: "int32" },
      path: { type: "string" },
      agent_id: { type: "string" },
      container_id: { type: "string" },
    },
  },
  listVulScanTaskHost: {
    path: "/v5/{project_id}/vulnerability/scan-task/{task_id}/hosts",
    parameters: {
      project_id: { in: "path", required: true, type: "string" },
      task_id: { in: "path", required: true, type: "string" },
      enterprise_project_id: { in: "query", type: "string" },
      limit: { in: "query", type: "integer", format: "int32", default: 10 },
      offset: { in: "query", type: "integer", format: "int32" },
      scan_status: { in: "query", type: "string", enum: ["scanning", "success", "failed"] },
    },
    totalNumFormat: "int64",
    itemSchema: "VulScanTaskHostInfo",
    fields: {
      host_id: { type: "string" },
      host_name: { type: "string" },
      public_ip: { type: "string" },
      private_ip: { type: "string" },
      asset_value: { type: "string", enum: ["important", "common", "test"] },
      scan_status: { type: "string", enum: ["scanning", "success", "failed"] },
      failed_reasons: { type: "array" },
    },
  },
  listLocalImageHosts: {
    path: "/v5/{project_id}/image/local/hosts",
    parameters: {
      project_id: { in: "path", required: true, type: "string" },
      region: { in: "header", required: true, type: "string" },
      enterprise_project_id: { in: "query", type: "string" },
      image_digest: { in: "query", type: "string" },
      image_name: { in: "query", type: "string" },
      image_version: { in: "query", type: "string" },
      host_name: { in: "query", type: "string" },
      offset: { in: "query", type: "integer", format: "int32" },
      limit: { in: "query", type: "integer", format: "int32" },
      agent_id: { in: "query", type: "string" },
    },
    totalNumFormat: "int32",
    itemSchema: "LocalImageHostInfo",
    fields: {
      agent_id: { type: "string" },
      agent_status: { type: "string" },
      host_name: { type: "string" },
      host_id: { type: "string" },
      version: { type: "string" },
      private_ip: { type: "string" },
      public_ip: { type: "string" },
      docker_name: { type: "string" },
      docker_type: { type: "string" },
    },
  },
};

/** The regions of the reference page, in its order. */
export const referenceRegions = [
  "cn-north-9", "cn-north-1", "cn-north-4", "cn-north-2", "cn-north-11", "cn-north-12",
  "cn-southwest-2", "cn-southwest-3", "cn-east-2", "cn-east-3", "cn-east-4", "cn-east-5",
  "cn-south-1", "cn-south-2", "cn-south-4", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
  "ap-southeast-4", "ap-southeast-5", "af-north-1", "na-mexico-1", "af-south-1", "sa-brazil-1",
  "la-south-2", "la-north-2", "tr-west-1", "ae-ad-1", "me-east-1", "my-kualalumpur-1",
  "eu-west-101", "ru-moscow-1",
];

/** The HSS regions of the official Node SDK 3.1.209, Go SDK and Python SDK (all three the same). */
export const sdkRegions = referenceRegions.filter((region) => region !== "af-north-1" && region !== "ap-southeast-5");
