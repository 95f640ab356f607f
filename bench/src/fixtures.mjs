// @ts-check
// Deterministic request parameters and response bodies shared by the benchmarks and their servers.

export const PROJECT_ID = "77b6a44cba5143ab91d13ab9a8ff44fd";
export const HOST_ID = "dd91cd32-a238-4c0e-bc01-3b11653714ac";
export const TOKEN = "bench-token";
export const ACCESS_KEY = "BENCHACCESSKEY0000001";
export const SECRET_KEY = "bench-secret-key-0000000000000000000000";

/** The path of listPorts for the bench project. */
export const PORTS_PATH = `/v5/${PROJECT_ID}/asset/ports`;

/**
 * One open port; `i` makes each item distinct so a pagination walk can be checked for gaps.
 * @param {number} i
 */
export function port(i) {
  return {
    host_id: HOST_ID,
    laddr: "0.0.0.0",
    status: i % 7 === 0 ? "danger" : "normal",
    port: 1 + (i % 65535),
    type: i % 2 === 0 ? "TCP" : "UDP",
    pid: 1000 + i,
    path: "/usr/sbin/sshd",
    agent_id: "eb5d03f02fffd85aaf5d0ba5c992d97713244f420e0b076dcf6ae0574c78aa4b",
    container_id: "",
  };
}

/** The fixed body of the overhead server: a valid first page of 10 ports. */
export const FIXED_PORTS_BODY = JSON.stringify({
  total_num: 10,
  data_list: Array.from({ length: 10 }, (_, i) => port(i)),
});
