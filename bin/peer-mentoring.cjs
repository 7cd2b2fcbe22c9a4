#!/usr/bin/env node
// Runs the CLI from its prebuilt bundle (dist-cli/cli.cjs, made by `npm ci`), rebuilding it first
// if any file it was built from has changed, so a command never runs stale code. Without esbuild
// (a production-only install) it falls back to running the TypeScript through tsx, more slowly.
async function load() {
  try {
    return require(await require('../scripts/build-cli.cjs').ensureCli()).main;
  } catch (error) {
    if (!error || error.code !== 'MODULE_NOT_FOUND' || !/'esbuild'/.test(error.message))
      throw error;
    require('tsx/cjs');
    return require('../src/local/cli.ts').main;
  }
}

load().then(
  (main) =>
    main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    }),
  (error) => {
    process.stderr.write(`${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
