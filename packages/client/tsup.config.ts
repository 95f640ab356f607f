// Two builds of the same entry: the default one for browsers, Deno, Bun and edge runtimes signs
// with Web Crypto; the one the "node" export condition selects signs with node:crypto, which is
// about 12 times faster per signature on Node. Only src/signing/crypto.ts differs between them.
import { dirname, join } from "node:path";
import { defineConfig, type Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/** Resolves src/signing's "./crypto.js" seam to its node:crypto variant. */
const nodeCrypto: Plugin = {
  name: "hss-node-crypto",
  setup(build) {
    build.onResolve({ filter: /^\.\/crypto\.js$/ }, (args) =>
      dirname(args.importer).endsWith(join("src", "signing"))
        ? { path: join(dirname(args.importer), "crypto.node.ts") }
        : undefined,
    );
  },
};

const shared: Options = {
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "es2022",
  splitting: false,
  sourcemap: false,
  clean: false,
  // Deno and edge runtimes resolve Node built-ins only by their "node:" names.
  removeNodeProtocol: false,
  outExtension: ({ format }) => ({ js: format === "cjs" ? ".cjs" : ".js" }),
};

export default defineConfig([
  { ...shared, outDir: "dist", platform: "neutral", dts: true },
  { ...shared, outDir: "dist/node", platform: "node", target: "node20", esbuildPlugins: [nodeCrypto] },
]);
