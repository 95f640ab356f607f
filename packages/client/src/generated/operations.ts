// GENERATED FILE: do not edit. Made by packages/client/scripts/generate.mjs from spec/; run `pnpm generate`.
import type { OperationDescriptor } from "../operation-descriptor.js";
import type { OperationMethod } from "../types.js";

/** Every operation of the HSS spec: its method, path and parameters with their schema rules. */
export const operations = {
  "listProcessesHost": {
    "method": "get",
    "path": "/v5/{project_id}/asset/processes/detail",
    "paginated": true,
    "parameters": [
      {
        "name": "project_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "enterprise_project_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "host_name",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "host_ip",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "path",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "category",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "host",
            "container"
          ],
          "default": "host"
        }
      },
      {
        "name": "limit",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "default": 10
        }
      },
      {
        "name": "offset",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32"
        }
      }
    ]
  },
  "listUsers": {
    "method": "get",
    "path": "/v5/{project_id}/asset/users",
    "paginated": true,
    "parameters": [
      {
        "name": "project_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "host_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      {
        "name": "user_name",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 0,
          "maxLength": 32
        }
      },
      {
        "name": "host_name",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "private_ip",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 128
        }
      },
      {
        "name": "login_permission",
        "in": "query",
        "required": false,
        "schema": {
          "type": "boolean"
        }
      },
      {
        "name": "root_permission",
        "in": "query",
        "required": false,
        "schema": {
          "type": "boolean"
        }
      },
      {
        "name": "user_group",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "enterprise_project_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256,
          "default": "0"
        }
      },
      {
        "name": "category",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "host",
            "container"
          ]
        }
      },
      {
        "name": "part_match",
        "in": "query",
        "required": false,
        "schema": {
          "type": "boolean",
          "default": false
        }
      },
      {
        "name": "limit",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 10,
          "maximum": 200,
          "default": 10
        }
      },
      {
        "name": "offset",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2000000,
          "default": 0
        }
      }
    ]
  },
  "listPorts": {
    "method": "get",
    "path": "/v5/{project_id}/asset/ports",
    "paginated": true,
    "parameters": [
      {
        "name": "project_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "host_id",
        "in": "query",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 0,
          "maxLength": 128
        }
      },
      {
        "name": "host_name",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 0,
          "maxLength": 128
        }
      },
      {
        "name": "host_ip",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 0,
          "maxLength": 128
        }
      },
      {
        "name": "port",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 65535
        }
      },
      {
        "name": "type",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "TCP",
            "UDP"
          ]
        }
      },
      {
        "name": "status",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "danger",
            "unknown"
          ]
        }
      },
      {
        "name": "enterprise_project_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 0,
          "maxLength": 256,
          "default": "0"
        }
      },
      {
        "name": "limit",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 10,
          "maximum": 200,
          "default": 10
        }
      },
      {
        "name": "offset",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2000000,
          "default": 0
        }
      },
      {
        "name": "category",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "host",
            "container"
          ],
          "default": "host"
        }
      }
    ]
  },
  "listVulScanTaskHost": {
    "method": "get",
    "path": "/v5/{project_id}/vulnerability/scan-task/{task_id}/hosts",
    "paginated": true,
    "parameters": [
      {
        "name": "project_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "task_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "enterprise_project_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "limit",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 10,
          "maximum": 200,
          "default": 10
        }
      },
      {
        "name": "offset",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2000000,
          "default": 0
        }
      },
      {
        "name": "scan_status",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "scanning",
            "success",
            "failed"
          ]
        }
      }
    ]
  },
  "listLocalImageHosts": {
    "method": "get",
    "path": "/v5/{project_id}/image/local/hosts",
    "paginated": true,
    "parameters": [
      {
        "name": "project_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256
        }
      },
      {
        "name": "region",
        "in": "header",
        "required": true,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "enterprise_project_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "image_digest",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "image_name",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "image_version",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "host_name",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "offset",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32"
        }
      },
      {
        "name": "limit",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "format": "int32"
        }
      },
      {
        "name": "agent_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      }
    ]
  }
} as const satisfies Record<string, OperationDescriptor>;

/** The operationIds of the HSS spec. */
export type OperationId = keyof typeof operations;

/** One method per operation: its flat parameters in, its typed 200 body out. */
export interface OperationMethods {
  /**
   * List the servers that run a process
   *
   * Lists the servers, or container hosts, on which a process runs, with the process details per
   * server. Filter by executable path, server name or IP address.
   *
   * Example: `GET /v5/{project_id}/asset/processes/detail?path=/usr/bin/bash` returns the first 10
   * servers that run `/usr/bin/bash`.
   */
  readonly listProcessesHost: OperationMethod<"listProcessesHost">;
  /**
   * List the accounts on servers
   *
   * Lists the accounts found on the servers of a project, with their permissions, group, home
   * directory and shell. Filter by server, account name, group or permission.
   *
   * Example: `GET /v5/{project_id}/asset/users?user_name=daemon` returns the servers that have a
   * `daemon` account.
   */
  readonly listUsers: OperationMethod<"listUsers">;
  /**
   * List the open ports of a server
   *
   * Lists the open ports of one server, with the listening address and process of each. Filter
   * by port number, type or status.
   *
   * Example: `GET /v5/{project_id}/asset/ports?limit=10&offset=0&host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac`
   * returns the first 10 open ports of that server. (The API reference's example spells the
   * parameter `hlimit`; it is `limit`.)
   */
  readonly listPorts: OperationMethod<"listPorts">;
  /**
   * List the servers of a vulnerability scan task
   *
   * Lists the servers covered by a vulnerability scan task, with the scan status of each and, for
   * failed scans, the causes. Filter by scan status.
   *
   * Example: `GET /v5/{project_id}/vulnerability/scan-task/{task_id}/hosts?offset=0&limit=10&scan_status=failed`
   * returns the first 10 servers whose scan failed. (The API reference also shows a JSON body on
   * this request; a GET carries no body: `task_id` is the path parameter and `scan_status` the
   * query parameter.)
   */
  readonly listVulScanTaskHost: OperationMethod<"listVulScanTaskHost">;
  /**
   * List the servers that hold a local image
   *
   * Lists the servers on which a local container image is present, with their agent, edition and
   * container runtime. Filter by image name, version or digest, server name or agent.
   *
   * The `region` header is required.
   */
  readonly listLocalImageHosts: OperationMethod<"listLocalImageHosts">;
}
