// Two builds of the same entry: the default one for browsers, Deno, Bun and edge runtimes signs
// with Web Crypto; the one the "node" export condition selects signs with node:crypto, which is
// about 12 times faster per signature on Node, and sends through undici's dispatcher, honouring
// HTTP(S)_PROXY (see src/default-exchange.node.ts). Only the modules with a
// `.node.ts` twin (src/signing/crypto.ts, src/default-exchange.ts) differ between them.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { defineConfig, type Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/** Resolves a relative "./name.js" import to its "name.node.ts" twin, where the twin exists. */
const nodeVariants: Plugin = {
  name: "hss-node-variants",
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => {
      const twin = join(dirname(args.importer), args.path.replace(/\.js$/, ".node.ts"));
      return existsSync(twin) ? { path: twin } : undefined;
    });
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
  // @hss-kit/spec's rules are bundled in (a devDependency, so tsup does), and so are their types:
  // the published client depends on nothing of hss-kit's.
  {
    ...shared,
    outDir: "dist",
    platform: "neutral",
    // Resolved to the source, so the declarations inline the type instead of importing the package.
    dts: { compilerOptions: { paths: { "@hss-kit/spec/rules": ["../../spec/src/rules.ts"] } } },
  },
  { ...shared, outDir: "dist/node", platform: "node", target: "node20", esbuildPlugins: [nodeVariants], external: ["undici"] },
]);
