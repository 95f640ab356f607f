// GENERATED FILE: do not edit. Made by packages/client/scripts/generate.mjs from spec/; run `pnpm generate`.
export interface paths {
    "/v5/{project_id}/asset/processes/detail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the servers that run a process
         * @description Lists the servers, or container hosts, on which a process runs, with the process details per
         *     server. Filter by executable path, server name or IP address.
         *
         *     Example: `GET /v5/{project_id}/asset/processes/detail?path=/usr/bin/bash` returns the first 10
         *     servers that run `/usr/bin/bash`.
         */
        get: operations["listProcessesHost"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v5/{project_id}/asset/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the accounts on servers
         * @description Lists the accounts found on the servers of a project, with their permissions, group, home
         *     directory and shell. Filter by server, account name, group or permission.
         *
         *     Example: `GET /v5/{project_id}/asset/users?user_name=daemon` returns the servers that have a
         *     `daemon` account.
         */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v5/{project_id}/asset/ports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the open ports of a server
         * @description Lists the open ports of one server, with the listening address and process of each. Filter
         *     by port number, type or status.
         *
         *     Example: `GET /v5/{project_id}/asset/ports?limit=10&offset=0&host_id=dd91cd32-a238-4c0e-bc01-3b11653714ac`
         *     returns the first 10 open ports of that server. (The API reference's example spells the
         *     parameter `hlimit`; it is `limit`.)
         */
        get: operations["listPorts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v5/{project_id}/vulnerability/scan-task/{task_id}/hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the servers of a vulnerability scan task
         * @description Lists the servers covered by a vulnerability scan task, with the scan status of each and, for
         *     failed scans, the causes. Filter by scan status.
         *
         *     Example: `GET /v5/{project_id}/vulnerability/scan-task/{task_id}/hosts?offset=0&limit=10&scan_status=failed`
         *     returns the first 10 servers whose scan failed. (The API reference also shows a JSON body on
         *     this request; a GET carries no body: `task_id` is the path parameter and `scan_status` the
         *     query parameter.)
         */
        get: operations["listVulScanTaskHost"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v5/{project_id}/image/local/hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the servers that hold a local image
         * @description Lists the servers on which a local container image is present, with their agent, edition and
         *     container runtime. Filter by image name, version or digest, server name or agent.
         *
         *     The `region` header is required.
         */
        get: operations["listLocalImageHosts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ProcessesHostResponseInfo
         * @description A server or container host on which the process runs.
         */
        ProcessesHostResponseInfo: {
            /** @description SHA-256 digest of the process executable file. */
            hash?: string;
            /** @description Server IP address. */
            host_ip?: string;
            /** @description Server name. */
            host_name?: string;
            /** @description Startup parameters of the process. */
            launch_params?: string;
            /**
             * Format: int64
             * @description Process start time, in milliseconds since the Unix epoch.
             */
            launch_time?: number;
            /** @description Path of the process executable file. */
            process_path?: string;
            /**
             * Format: int32
             * @description Process ID.
             */
            process_pid?: number;
            /** @description Permissions of the executable file, such as `rwx------`. */
            run_permission?: string;
            /** @description ID of the container the process runs in, when it runs in one. */
            container_id?: string;
            /** @description Name of the container the process runs in, when it runs in one. */
            container_name?: string;
        };
        /**
         * ListProcessesHostResponse
         * @description One page of results, with the total across all pages.
         */
        ListProcessesHostResponse: {
            /**
             * Format: int32
             * @description Total number of servers that run the process.
             */
            total_num: number;
            /** @description Servers that run the process, one page. */
            data_list: components["schemas"]["ProcessesHostResponseInfo"][];
        };
        /**
         * Error
         * @description Error body returned with every 4xx and 5xx status, by HSS itself (`HSS.xxxx` codes) and by the API gateway in front of it (`APIGW.xxxx` codes). Gateway errors may add `request_id`.
         */
        Error: {
            /**
             * @description Machine-readable error code, such as `HSS.0001` or `APIGW.0301`.
             * @example HSS.0001
             */
            error_code: string;
            /**
             * @description Human-readable description of the error.
             * @example Invalid parameter
             */
            error_msg: string;
            /**
             * @description ID of the failed request; the same value as the `X-Request-Id` response header.
             * @example 8f1bb0d6b6c2c1e3d3a0e1f5c2d4b6a8
             */
            request_id?: string;
        };
        /**
         * UserResponseInfo
         * @description An account on a server.
         */
        UserResponseInfo: {
            /** @description ID of the HSS agent on the server. */
            agent_id?: string;
            /** @description Server ID. */
            host_id?: string;
            /** @description Server name. */
            host_name?: string;
            /** @description Server IP address. */
            host_ip?: string;
            /** @description Account name. */
            user_name?: string;
            /** @description Whether the account may log in. */
            login_permission?: boolean;
            /** @description Whether the account has root permissions. */
            root_permission?: boolean;
            /** @description Name of the account's user group. */
            user_group_name?: string;
            /** @description Home directory of the account. */
            user_home_dir?: string;
            /** @description Login shell of the account. */
            shell?: string;
            /**
             * Format: int64
             * @description Time of the latest scan, in milliseconds since the Unix epoch.
             */
            recent_scan_time?: number;
            /**
             * Format: int64
             * @description Time of the first scan, in milliseconds since the Unix epoch.
             */
            first_scan_time?: number;
            /** @description ID of the container the account belongs to, when it belongs to one. */
            container_id?: string;
            /** @description Name of the container the account belongs to, when it belongs to one. */
            container_name?: string;
        };
        /**
         * ListUsersResponse
         * @description One page of results, with the total across all pages.
         */
        ListUsersResponse: {
            /**
             * Format: int32
             * @description Total number of accounts that match the query.
             */
            total_num: number;
            /** @description Accounts, one page. */
            data_list: components["schemas"]["UserResponseInfo"][];
        };
        /**
         * PortResponseInfo
         * @description An open port on a server.
         */
        PortResponseInfo: {
            /** @description Server ID. */
            host_id?: string;
            /** @description Listening IP address. */
            laddr?: string;
            /**
             * @description Port status: `normal`, `danger` (a port commonly used by malware) or `unknown`. Real servers also send the legacy spelling `unknow` (shown in the API reference's own example), which means `unknown`; clients should treat the two alike.
             * @enum {string}
             */
            status?: "normal" | "danger" | "unknown" | "unknow";
            /**
             * Format: int32
             * @description Port number.
             */
            port?: number;
            /**
             * @description Port type.
             * @enum {string}
             */
            type?: "TCP" | "UDP";
            /**
             * Format: int32
             * @description ID of the process listening on the port. The API reference caps it at 65,535, but Linux process IDs go up to 4,194,304, so no maximum is enforced here.
             */
            pid?: number;
            /** @description Path of the executable file of the listening process. */
            path?: string;
            /** @description ID of the HSS agent on the server. */
            agent_id?: string;
            /** @description ID of the container the port belongs to; empty for a port of the host itself. */
            container_id?: string;
        };
        /**
         * ListPortsResponse
         * @description One page of results, with the total across all pages.
         */
        ListPortsResponse: {
            /**
             * Format: int32
             * @description Total number of open ports that match the query (0 to 10,000).
             */
            total_num: number;
            /** @description Open ports, one page. */
            data_list: components["schemas"]["PortResponseInfo"][];
        };
        /**
         * VulType
         * @description Vulnerability type: `linux_vul` (Linux vulnerability), `windows_vul` (Windows vulnerability), `web_cms` (Web-CMS vulnerability), `app_vul` (application vulnerability) or `urgent_vul` (emergency vulnerability).
         * @enum {string}
         */
        VulType: "linux_vul" | "windows_vul" | "web_cms" | "app_vul" | "urgent_vul";
        /**
         * VulScanFailedReason
         * @description Why the scan of one vulnerability type failed.
         */
        VulScanFailedReason: {
            vul_type?: components["schemas"]["VulType"];
            /** @description Cause of the scan failure. */
            failed_reason?: string;
        };
        /**
         * VulScanItem
         * @description Scan result of one vulnerability on a server.
         */
        VulScanItem: {
            /** @description Vulnerability ID. */
            vul_id?: string;
            /** @description Vulnerability name. */
            vul_name?: string;
            /** @description Scan status of this vulnerability, such as `success` or `failed`. */
            status?: string;
            /** @description Cause of the failure, when the scan of this vulnerability failed. */
            failed_reason?: string;
        };
        /**
         * VulScanDetail
         * @description Scan result of one vulnerability type on a server.
         */
        VulScanDetail: {
            vul_type?: components["schemas"]["VulType"];
            /** @description Scan status of this vulnerability type, such as `success` or `failed`. */
            status?: string;
            /** @description Cause of the failure, when the scan of this type failed. */
            failed_reason?: string;
            /** @description Result per vulnerability scanned. */
            scan_vul_list?: components["schemas"]["VulScanItem"][];
        };
        /**
         * VulScanTaskHostInfo
         * @description A server covered by a vulnerability scan task, with its scan result.
         */
        VulScanTaskHostInfo: {
            /** @description Server ID. */
            host_id?: string;
            /** @description Server name. */
            host_name?: string;
            /** @description Elastic IP address (EIP) of the server. */
            public_ip?: string;
            /** @description Private IP address of the server. */
            private_ip?: string;
            /**
             * @description Asset importance.
             * @enum {string}
             */
            asset_value?: "important" | "common" | "test";
            /**
             * @description Scan status of the server.
             * @enum {string}
             */
            scan_status?: "scanning" | "success" | "failed";
            /**
             * @deprecated
             * @description Causes of scan failure. The official SDKs mark this list "to be deprecated": read `vul_scan_details` instead.
             */
            failed_reasons?: components["schemas"]["VulScanFailedReason"][];
            /** @description Scan result per vulnerability type. */
            vul_scan_details?: components["schemas"]["VulScanDetail"][];
        };
        /**
         * ListVulScanTaskHostResponse
         * @description One page of results, with the total across all pages.
         */
        ListVulScanTaskHostResponse: {
            /**
             * Format: int64
             * @description Total number of servers of the scan task that match the query.
             */
            total_num: number;
            /** @description Servers of the scan task, one page. */
            data_list: components["schemas"]["VulScanTaskHostInfo"][];
        };
        /**
         * LocalImageHostInfo
         * @description A server that holds the local image.
         */
        LocalImageHostInfo: {
            /** @description ID of the HSS agent on the server. */
            agent_id?: string;
            /** @description Status of the HSS agent on the server. */
            agent_status?: string;
            /** @description Server name. */
            host_name?: string;
            /** @description Server ID. */
            host_id?: string;
            /** @description HSS edition enabled for the server. */
            version?: string;
            /** @description Private IP address of the server. */
            private_ip?: string;
            /** @description Elastic IP address (EIP) of the server. */
            public_ip?: string;
            /** @description Name of the container runtime. */
            docker_name?: string;
            /** @description Type of the container runtime. */
            docker_type?: string;
        };
        /**
         * ListLocalImageHostsResponse
         * @description One page of results, with the total across all pages.
         */
        ListLocalImageHostsResponse: {
            /**
             * Format: int32
             * @description Total number of servers that hold the image.
             */
            total_num: number;
            /** @description Servers that hold the image, one page. */
            data_list: components["schemas"]["LocalImageHostInfo"][];
        };
    };
    responses: {
        /** @description Invalid request: a parameter is missing, of the wrong type or out of range. */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error_code": "HSS.0001",
                 *       "error_msg": "Invalid request parameter."
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Authentication failed: the token is missing, expired or invalid, or the AK/SK signature does not match. */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error_code": "APIGW.0301",
                 *       "error_msg": "Incorrect IAM authentication information: the token is missing, expired or invalid.",
                 *       "request_id": "8f1bb0d6b6c2c1e3d3a0e1f5c2d4b6a8"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The caller is authenticated but lacks the permission for this operation or enterprise project. */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error_code": "HSS.0013",
                 *       "error_msg": "Insufficient permissions."
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The API or the resource does not exist, for example an unknown scan task or project. */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error_code": "APIGW.0101",
                 *       "error_msg": "The API does not exist or has not been published in the environment.",
                 *       "request_id": "8f1bb0d6b6c2c1e3d3a0e1f5c2d4b6a8"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request was throttled by the API gateway. Retry after a back-off. */
        TooManyRequests: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error_code": "APIGW.0308",
                 *       "error_msg": "The throttling threshold has been reached: policy user over ratelimit, limit:100, time:1 minute.",
                 *       "request_id": "8f1bb0d6b6c2c1e3d3a0e1f5c2d4b6a8"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The service failed to handle the request. The request is safe to retry. */
        InternalServerError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error_code": "HSS.0004",
                 *       "error_msg": "System error."
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description ID of the project that the assets belong to. Obtain it from the IAM console (My Credentials) or the IAM API. The ports reference documents a length of 1 to 256 characters; the same path parameter is shared by every HSS v5 operation.
         * @example 2b31ed520xxxxxxebedb6e57xxxxxxxx
         */
        ProjectId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Unique ID of this request, assigned by the API gateway. Quote it when you contact support; the client library copies it into every error it raises.
         * @example 8f1bb0d6b6c2c1e3d3a0e1f5c2d4b6a8
         */
        XRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listProcessesHost: {
        parameters: {
            query?: {
                /** @description ID of the enterprise project the servers belong to; available once the enterprise project function is enabled. `0` is the default enterprise project and `all_granted_eps` queries every enterprise project you may access. A user with permission on only one enterprise project must pass its ID, or the request is refused for insufficient permission. */
                enterprise_project_id?: string;
                /** @description Server name. */
                host_name?: string;
                /** @description Server IP address. */
                host_ip?: string;
                /**
                 * @description Path of the process executable file.
                 * @example /usr/bin/bash
                 */
                path?: string;
                /** @description Whether to query processes of servers (`host`) or of containers (`container`). */
                category?: "host" | "container";
                /** @description Number of records per page. The API reference states no range; its example shows that 10 records are returned when the parameter is omitted. */
                limit?: number;
                /** @description Offset, the position of the first record to return. The API reference states no range. */
                offset?: number;
            };
            header?: never;
            path: {
                /**
                 * @description ID of the project that the assets belong to. Obtain it from the IAM console (My Credentials) or the IAM API. The ports reference documents a length of 1 to 256 characters; the same path parameter is shared by every HSS v5 operation.
                 * @example 2b31ed520xxxxxxebedb6e57xxxxxxxx
                 */
                project_id: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request succeeded. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total_num": 1,
                     *       "data_list": [
                     *         {
                     *           "hash": "xxxxxx96a7ceb67731c0158xxxxxxff8456914d8275d221671d1190e888xxxxx",
                     *           "host_ip": "192.168.0.1",
                     *           "host_name": "ecs-euler-z00800211",
                     *           "launch_params": "",
                     *           "launch_time": 1673504622000,
                     *           "process_path": "/usr/bin/bash",
                     *           "process_pid": 888,
                     *           "run_permission": "rwx------",
                     *           "container_id": "ce794b8a6071f5fd7e4d142dab7b36bedf2c7a4f6083fb82e5bbc82709b50018",
                     *           "container_name": "hss_imagescan_W73V1WO6"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ListProcessesHostResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Server ID. */
                host_id?: string;
                /**
                 * @description Account name.
                 * @example daemon
                 */
                user_name?: string;
                /** @description Server name. */
                host_name?: string;
                /** @description Private IP address of the server. */
                private_ip?: string;
                /** @description Only accounts that may (`true`) or may not (`false`) log in. */
                login_permission?: boolean;
                /** @description Only accounts that have (`true`) or do not have (`false`) root permissions. */
                root_permission?: boolean;
                /** @description Name of the user group of the account. */
                user_group?: string;
                /** @description ID of the enterprise project the servers belong to. `0` is the default enterprise project and `all_granted_eps` queries every enterprise project you may access. */
                enterprise_project_id?: string;
                /** @description Whether to query accounts of servers (`host`) or of containers (`container`). */
                category?: "host" | "container";
                /** @description Whether text filters match part of a value (fuzzy match) instead of all of it. */
                part_match?: boolean;
                /** @description Number of records per page, 10 to 200 (range from the official SDKs). */
                limit?: number;
                /** @description Offset, the position of the first record to return: no less than 0 (the official SDKs cap it at 2,000,000). */
                offset?: number;
            };
            header?: never;
            path: {
                /**
                 * @description ID of the project that the assets belong to. Obtain it from the IAM console (My Credentials) or the IAM API. The ports reference documents a length of 1 to 256 characters; the same path parameter is shared by every HSS v5 operation.
                 * @example 2b31ed520xxxxxxebedb6e57xxxxxxxx
                 */
                project_id: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Account information list. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total_num": 1,
                     *       "data_list": [
                     *         {
                     *           "agent_id": "0bf792d910xxxxxxxxxxx52cb7e63exxx",
                     *           "host_id": "13xxxxxxxece69",
                     *           "host_ip": "192.168.0.1",
                     *           "host_name": "test",
                     *           "login_permission": false,
                     *           "recent_scan_time": 1667039707730,
                     *           "root_permission": false,
                     *           "shell": "/sbin/nologin",
                     *           "user_group_name": "daemon",
                     *           "user_home_dir": "/sbin",
                     *           "user_name": "daemon"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ListUsersResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listPorts: {
        parameters: {
            query: {
                /**
                 * @description ID of the server whose ports to list.
                 * @example dd91cd32-a238-4c0e-bc01-3b11653714ac
                 */
                host_id: string;
                /** @description Server name. */
                host_name?: string;
                /** @description Server IP address. */
                host_ip?: string;
                /** @description Port number. */
                port?: number;
                /** @description Port type. */
                type?: "TCP" | "UDP";
                /** @description Port status, `danger` (a port commonly used by malware) or `unknown`. */
                status?: "danger" | "unknown";
                /** @description ID of the enterprise project the server belongs to; available once the enterprise project function is enabled. `0` is the default enterprise project and `all_granted_eps` queries every enterprise project you may access. A user with permission on only one enterprise project must pass its ID, or the request is refused for insufficient permission. */
                enterprise_project_id?: string;
                /** @description Number of records per page, 10 to 200. */
                limit?: number;
                /** @description Offset, the position of the first record to return, 0 to 2,000,000. */
                offset?: number;
                /** @description Whether to query ports of the server (`host`) or of its containers (`container`). The ports reference gives only the default; the values are those of the processes reference. */
                category?: "host" | "container";
            };
            header?: never;
            path: {
                /**
                 * @description ID of the project that the assets belong to. Obtain it from the IAM console (My Credentials) or the IAM API. The ports reference documents a length of 1 to 256 characters; the same path parameter is shared by every HSS v5 operation.
                 * @example 2b31ed520xxxxxxebedb6e57xxxxxxxx
                 */
                project_id: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request succeeded. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total_num": 2,
                     *       "data_list": [
                     *         {
                     *           "agent_id": "eb5d03f02fffd85aaf5d0ba5c992d97713244f420e0b076dcf6ae0574c78aa4b",
                     *           "container_id": "",
                     *           "host_id": "dd91cd32-a238-4c0e-bc01-3b11653714ac",
                     *           "laddr": "0.0.0.0",
                     *           "path": "/usr/sbin/dhclient",
                     *           "pid": 1507,
                     *           "port": 68,
                     *           "status": "unknow",
                     *           "type": "UDP"
                     *         },
                     *         {
                     *           "agent_id": "eb5d03f02fffd85aaf5d0ba5c992d97713244f420e0b076dcf6ae0574c78aa4b",
                     *           "container_id": "",
                     *           "host_id": "dd91cd32-a238-4c0e-bc01-3b11653714ac",
                     *           "laddr": "127.0.0.1",
                     *           "path": "/usr/sbin/chronyd",
                     *           "pid": 493,
                     *           "port": 323,
                     *           "status": "unknow",
                     *           "type": "UDP"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ListPortsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listVulScanTaskHost: {
        parameters: {
            query?: {
                /** @description ID of the enterprise project the servers belong to. `all_granted_eps` queries every enterprise project you may access. */
                enterprise_project_id?: string;
                /** @description Number of records per page, 10 to 200 (range from the official SDKs). */
                limit?: number;
                /** @description Offset, the position of the first record to return, 0 to 2,000,000 (range from the official SDKs). */
                offset?: number;
                /** @description Only servers whose scan is in this status. */
                scan_status?: "scanning" | "success" | "failed";
            };
            header?: never;
            path: {
                /**
                 * @description ID of the project that the assets belong to. Obtain it from the IAM console (My Credentials) or the IAM API. The ports reference documents a length of 1 to 256 characters; the same path parameter is shared by every HSS v5 operation.
                 * @example 2b31ed520xxxxxxebedb6e57xxxxxxxx
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the vulnerability scan task.
                 * @example 2b31ed520xxxxxxebedb6e57xxxxxxxx
                 */
                task_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request succeeded. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total_num": 1,
                     *       "data_list": [
                     *         {
                     *           "host_id": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
                     *           "host_name": "ecs-ubuntu-abc123",
                     *           "public_ip": "112.10.10.3",
                     *           "private_ip": "192.168.10.1",
                     *           "asset_value": "important",
                     *           "scan_status": "failed",
                     *           "failed_reasons": [
                     *             {
                     *               "vul_type": "linux_vul",
                     *               "failed_reason": "this_is_failed_reason"
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ListVulScanTaskHostResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listLocalImageHosts: {
        parameters: {
            query?: {
                /** @description ID of the enterprise project the servers belong to; available once the enterprise project function is enabled. `0` is the default enterprise project and `all_granted_eps` queries every enterprise project you may access. A user with permission on only one enterprise project must pass its ID, or the request is refused for insufficient permission. */
                enterprise_project_id?: string;
                /** @description Image digest. */
                image_digest?: string;
                /** @description Image name. */
                image_name?: string;
                /** @description Image version. */
                image_version?: string;
                /** @description Server name. */
                host_name?: string;
                /** @description Offset, the position of the first record to return. The API reference states no range. */
                offset?: number;
                /** @description Number of records per page. The API reference states no range and no default. */
                limit?: number;
                /** @description ID of the HSS agent on the server. */
                agent_id?: string;
            };
            header: {
                /**
                 * @description ID of the region the servers are in, such as `cn-north-4`.
                 * @example cn-north-4
                 */
                region: string;
            };
            path: {
                /**
                 * @description ID of the project that the assets belong to. Obtain it from the IAM console (My Credentials) or the IAM API. The ports reference documents a length of 1 to 256 characters; the same path parameter is shared by every HSS v5 operation.
                 * @example 2b31ed520xxxxxxebedb6e57xxxxxxxx
                 */
                project_id: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request succeeded. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total_num": 1,
                     *       "data_list": [
                     *         {
                     *           "agent_id": "xxx",
                     *           "agent_status": "xxx",
                     *           "host_name": "xxx",
                     *           "host_id": "xxx",
                     *           "version": "xxxx",
                     *           "private_ip": "xxx",
                     *           "public_ip": "xxx",
                     *           "docker_name": "xxx",
                     *           "docker_type": "xxx"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ListLocalImageHostsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
