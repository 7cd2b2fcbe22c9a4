// Builds dist/ once before any test file runs, so the bundle tests in parallel workers all read
// the same finished build (a build per file would race on dist/).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'pipe',
  });
};
