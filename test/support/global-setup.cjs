// Builds dist/ (Apps Script) and dist-cli/ (the Node CLI bundle, which tests that spawn
// bin/peer-mentoring.cjs run) once before any test file runs, so parallel workers all read the
// same finished builds (a build per file would race) and none runs a bundle older than src/.
// It also makes the run's folder for fixtures test files share (test/support/demo.ts), which
// global-teardown.cjs removes.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'pipe',
  });
  await require(path.join(root, 'scripts/build-cli.cjs')).ensureCli();
  process.env.PM_TEST_SHARED = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-shared-'));
};
