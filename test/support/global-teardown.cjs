// Removes the run's shared fixtures folder that global-setup.cjs made.
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const shared = process.env.PM_TEST_SHARED;
  if (shared) fs.rmSync(shared, { recursive: true, force: true });
};
