// The Authentication section's worked signature: the docs build computes it step by step; here it
// is held to Huawei's official Node signer, its shell recipe is run, and the build's own check
// (against @hss-kit/client) is shown catching a signer that disagrees.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { EXAMPLE, authenticationMarkdown, replaceSection, workedExample } from "../scripts/authentication.mjs";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: { sign(request: object, credentials: object): { Authorization: string } };
};
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core") as {
  BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): object } };
};
const schemes = { iamToken: "IAM token description.", akSk: "AK/SK recipe." };

describe("the worked signature", () => {
  it("is the one Huawei's official Node signer computes for the same request", async () => {
    const x = await workedExample();
    const url = new URL(EXAMPLE.url);
    const official = AKSKSigner.sign(
      {
        endpoint: `${url.origin}${url.pathname}`,
        method: "GET",
        headers: { "X-Sdk-Date": x.sdkDate, "X-Project-Id": EXAMPLE.projectId },
        queryParams: Object.fromEntries(url.searchParams),
      },
      new BasicCredentials().withAk(EXAMPLE.accessKey).withSk(EXAMPLE.secretKey),
    );
    expect(official.Authorization).toBe(x.authorization);
  });

  it("reproduces with the shell commands the section gives", async () => {
    const markdown = await authenticationMarkdown(schemes);
    const recipe = markdown.match(/To reproduce steps 1 to 3 in a shell:\n\n```sh\n([\s\S]*?)\n```/)?.[1];
    expect(recipe).toBeDefined();
    const commands = recipe!.split("\n").filter((line) => !line.startsWith("#"));
    const expected = recipe!.split("\n").filter((line) => line.startsWith("# ")).map((line) => line.slice(2));
    expect(commands).toHaveLength(2);
    const printed = execFileSync("bash", ["-c", commands.join("\n")], { encoding: "utf8" }).trim().split("\n");
    expect(printed).toEqual(expected);
    const x = await workedExample();
    expect(expected.join("\n")).toContain(x.canonicalRequestHash);
    expect(expected.join("\n")).toContain(x.signature);
  });

  it("stops the build when the steps do not sign as the client does", async () => {
    const wrong = async () => ({ "X-Sdk-Date": "20261201T080000Z", Authorization: "SDK-HMAC-SHA256 Access=x, SignedHeaders=host, Signature=00" });
    await expect(workedExample(EXAMPLE, wrong)).rejects.toThrow("The worked example does not sign as @hss-kit/client does");
  });
});

describe("the section in the landing page", () => {
  const description = "Intro.\n\n## Authentication\nShort text.\n\n## Errors\nError text.\n";

  it("replaces the spec's Authentication section, up to the next section", () => {
    const replaced = replaceSection(description, "Authentication", "## Authentication\n\nFull text.\n");
    expect(replaced).toBe("Intro.\n\n## Authentication\n\nFull text.\n\n## Errors\nError text.\n");
  });

  it("refuses a spec whose section was renamed, rather than drop the recipe", () => {
    expect(() => replaceSection("Intro.\n## Auth\n", "Authentication", "x")).toThrow("no '## Authentication' section");
  });

  it("carries the spec's own scheme descriptions and every step of the example", async () => {
    const markdown = await authenticationMarkdown(schemes);
    const x = await workedExample();
    for (const text of [schemes.iamToken, schemes.akSk, x.canonicalRequest, x.stringToSign, x.signature, x.authorization, "/v3/auth/tokens", "/v3/projects?name="]) {
      expect(markdown).toContain(text);
    }
  });
});
