#!/usr/bin/env node
// Runs a TypeScript script (bench, tools) through tsx: `node bin/run-ts.cjs scripts/bench.ts`.
const path = require('node:path');
require('tsx/cjs');
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
require(path.resolve(script));
