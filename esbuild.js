// Bundles the extension into one CommonJS file, dist/extension.js, with `vscode` left external.
// `node esbuild.js` builds for development (source maps), `--production` minifies, `--watch` rebuilds.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape of VS Code's esbuild problem matcher. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * rrule (52 KB minified) goes into its own file, dist/rrule.js, which the extension requires on
 * first use (src/api/rrule.ts): activation does not load it, only showing or creating a policy.
 */
const lazyRrulePlugin = {
  name: 'lazy-rrule',
  setup(build) {
    build.onResolve({ filter: /^rrule$/ }, () => ({ path: './rrule.js', external: true }));
  },
};

async function buildRrule() {
  await esbuild.build({
    entryPoints: ['rrule'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    outfile: 'dist/rrule.js',
    logLevel: 'silent',
  });
}

async function main() {
  await buildRrule();
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // node-fetch 2 prefers Node's url.URL; its whatwg-url polyfill (290 KB) is dead code on Node 20.
    alias: { 'whatwg-url': './src/shims/whatwgUrl.ts' },
    treeShaking: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [problemMatcherPlugin, lazyRrulePlugin],
  });
  if (watch) {
    await ctx.watch();
  } else {
    const result = await ctx.rebuild();
    if (process.argv.includes('--metafile')) {
      require('fs').writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
    }
    await ctx.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
