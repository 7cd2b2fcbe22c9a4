// npm run deploy      → lint, test, build, push to the development Sheet (.clasp.json)
// npm run deploy:prod → the same, to the live scheme's Sheet (.clasp.production.json), after a confirmation
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const production = process.argv.includes('--prod');
const project = production ? '.clasp.production.json' : '.clasp.json';

function fail(sentence) {
  console.error(sentence);
  process.exit(2);
}

const { scriptId } = JSON.parse(fs.readFileSync(path.join(root, project), 'utf8'));
if (!scriptId || scriptId.startsWith('REPLACE-')) {
  fail(
    `${project} has no script ID yet: put the ID from the Sheet's Extensions → Apps Script → Project settings into it (see README, "Put it on a Google Sheet").`,
  );
}

if (production && !process.argv.includes('--yes')) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('This pushes to the LIVE scheme Sheet. Type "live" to go on: ');
  rl.close();
  if (answer.trim() !== 'live') fail('Nothing was pushed.');
}

for (const [label, command, args] of [
  ['Lint', 'npm', ['run', 'lint']],
  ['Test', 'npm', ['test']],
  ['Build', 'npm', ['run', 'build']],
  ['Push', 'npx', ['clasp', '-P', project, 'push', '--force']],
]) {
  console.log(`\n== ${label} ==`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    fail(
      label === 'Push'
        ? 'The push failed: if clasp says you are not logged in, run "npx clasp login" and try again.'
        : `${label} failed, so nothing was pushed: fix what it reports and run the deploy again.`,
    );
  }
}
console.log(
  `\nPushed to the ${production ? 'live' : 'development'} Sheet (${scriptId}). Reload the Sheet to see the Mentoring menu.`,
);
