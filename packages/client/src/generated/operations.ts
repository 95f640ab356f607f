// GENERATED FILE: do not edit. Made by packages/client/scripts/generate.mjs from spec/; run `pnpm generate`.
import type { OperationDescriptor } from "../operation-descriptor.js";

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
