// `npm run check:live`: settles, on a real Google account, the assumptions the in-memory fake
// makes (test/fakes/apps-script/README.md). Opt-in, never part of `npm test`. It drives the
// development Sheet's script (.clasp.json) through the Apps Script API's scripts.run with the
// deployer's own clasp credentials (~/.clasprc.json) and prints each assumption as confirmed,
// refuted or unknown. Its code is tested against a stub of the endpoint on 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OAuth2Client } from 'google-auth-library';
import { script } from 'googleapis/build/src/apis/script';

export const HELP = `Usage: npm run check:live -- [--clasprc FILE] [--root-url URL]

Runs a scripted sequence on the DEVELOPMENT Sheet named by .clasp.json (never production) and
prints, assumption by assumption, whether Google behaves as the tests' fake assumes:

  1. in-script checks: who the caller is, editors, time zones, cell limit, Drive and Forms
     errors, a new form starting unpublished, typed e-mail collection, a binned form, quota
  2. Set up workbook, then Set up forms: every form published and accepting responses
  3. one test response to each form, made through FormApp (which fires no trigger and can
     give a response no address, so no acknowledgement goes out), then "Record missed
     responses" must record them. The concern form is tried only when Supervisor email and
     Scheme lead email in Settings are your own addresses (a concern is e-mailed to them).
     Every text answer carries a marker for this run, noted before the first is submitted
  4. Review applications and Status
  5. a throwaway cohort "Live check <time>" in tabs of its own (never the scheme's tabs,
     Settings or Log): 3 mentors and 2 mentees, all +aliases of your own address, are
     recorded, reviewed, matched on their choices and confirmed; their pair folders are made
     under a new root folder and checked (private, shared with the pair and you only); the two
     introductions go to your +aliases only (any other address is refused) and are counted
     against the mail quota. Then it deletes its tabs and bins its folders and files (only
     what it made), even after a failure; a cohort left by a check that died is removed by the
     next one
  6. clean-up, even after a failure: the test responses carrying the marker are deleted from
     the forms, and the rows carrying it from every tab but the Log (which keeps its records);
     no other row. What a check that died left is removed by the next one

It uses your clasp login (clasp login, stored in ~/.clasprc.json) and needs a one-time set-up
(docs/apps-script.md, "Live check"): the script in a standard Cloud project with the Apps
Script API on, an API-executable deployment, and a clasp login through that project's OAuth
client. It leaves behind: the forms and tabs of the development Sheet; the choice form's test
rows (drop-downs only, nothing to mark: the response goes, its rows stay) and the Log's records;
the two introductions in your own mailbox; the throwaway cohort's folders in your Drive bin. It
removes its scratch tab, its marked test responses and rows, bins its scratch form and deletes
the throwaway cohort's tabs.

Options:
  --clasprc FILE   credentials file (default ~/.clasprc.json)
  --root-url URL   the Apps Script API's address (for tests; default Google's)
  --help           this text
Exit: 0 all confirmed or unknown, 1 something refuted, 2 could not run.`;

interface Io {
  out(line: string): void;
  cwd: string;
  home: string;
}

interface Verdict {
  id: string;
  assumption: string;
  result: 'confirmed' | 'refuted' | 'unknown';
  detail: string;
}

class Stop extends Error {}

function options(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') out.help = true;
    else if (/^--(clasprc|root-url)$/.test(arg) && argv[i + 1] !== undefined)
      out[arg.slice(2)] = argv[++i];
    else throw new Stop(`Unknown option "${arg}": see npm run check:live -- --help.`);
  }
  return out;
}

function readJson(file: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new Stop(
      `Could not read ${what} (${file}): ${what === '.clasp.json' ? 'run this from the project folder' : 'run "npx clasp login" first'}.`,
    );
  }
}

/** clasp 3 keeps named logins under tokens; clasp 2 kept one token and its OAuth client. */
function credentials(rc: Record<string, unknown>): {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accessToken?: string;
  expiry?: number;
} {
  const tokens = rc.tokens as Record<string, Record<string, unknown>> | undefined;
  const t = tokens?.default ?? (rc.token as Record<string, unknown> | undefined);
  const client = (rc.oauth2ClientSettings ?? {}) as Record<string, unknown>;
  const clientId = String(t?.client_id ?? client.clientId ?? '');
  const clientSecret = String(t?.client_secret ?? client.clientSecret ?? '');
  const refreshToken = String(t?.refresh_token ?? '');
  if (!clientId || !refreshToken)
    throw new Stop(
      'Your clasp credentials have no OAuth client or refresh token: run "npx clasp login" again.',
    );
  return {
    clientId,
    clientSecret,
    refreshToken,
    accessToken: t?.access_token ? String(t.access_token) : undefined,
    expiry: t?.expiry_date ? Number(t.expiry_date) : undefined,
  };
}

export async function checkLive(argv: string[], io: Io): Promise<number> {
  try {
    const opts = options(argv);
    if (opts.help) {
      io.out(HELP);
      return 0;
    }
    const clasp = readJson(path.join(io.cwd, '.clasp.json'), '.clasp.json');
    const scriptId = String(clasp.scriptId ?? '');
    if (!scriptId || /REPLACE/i.test(scriptId))
      throw new Stop(
        ".clasp.json names no development script yet: put the development Sheet's script ID in it (see README).",
      );
    const rcFile =
      typeof opts.clasprc === 'string' ? opts.clasprc : path.join(io.home, '.clasprc.json');
    const creds = credentials(readJson(rcFile, 'your clasp credentials'));
    const auth = new OAuth2Client({
      clientId: creds.clientId,
      clientSecret: creds.clientSecret,
      // Node 20's own fetch (gaxios would otherwise load node-fetch with a dynamic import).
      transporterOptions: { fetchImplementation: globalThis.fetch as never },
    });
    auth.setCredentials({
      refresh_token: creds.refreshToken,
      access_token: creds.accessToken,
      expiry_date: creds.expiry,
    });
    const api = script({
      version: 'v1',
      auth,
      ...(typeof opts['root-url'] === 'string' ? { rootUrl: opts['root-url'] } : {}),
    });

    const run = async (fn: string, parameters: unknown[] = []): Promise<unknown> => {
      let data;
      try {
        ({ data } = await api.scripts.run({
          scriptId,
          requestBody: { function: fn, parameters, devMode: true },
        }));
      } catch (error) {
        const e = error as { code?: number; message?: string };
        throw new Stop(
          `The Apps Script API refused ${fn} (${e.code ?? ''} ${e.message ?? String(error)}): check the one-time set-up in docs/apps-script.md ("Live check").`,
        );
      }
      if (data.error) {
        const detail = (data.error.details?.[0] ?? {}) as { errorMessage?: string };
        throw new Stop(`${fn} failed in the script: ${detail.errorMessage ?? data.error.message}`);
      }
      return data.response?.result;
    };

    const verdicts: Verdict[] = [];
    const say = (v: Verdict) => {
      verdicts.push(v);
      const mark =
        v.result === 'confirmed' ? 'confirmed' : v.result === 'refuted' ? 'REFUTED  ' : 'unknown  ';
      io.out(`${mark} ${v.id}: ${v.assumption}${v.detail ? ` (${v.detail})` : ''}`);
    };

    io.out(`Live check of script ${scriptId} (development Sheet)\n`);
    const platform = (await run('liveCheckPlatform')) as Verdict[];
    for (const v of platform) say(v);

    const action = async (id: string, ...args: string[]) =>
      (await run('liveCheckRun', [id, ...args])) as {
        summary: string[];
        data: unknown;
        problem?: boolean;
      };
    // An action run through the API: confirmed unless it reported a problem.
    const sayRan = async (id: string, assumption: string, actionId: string) => {
      const ran = await action(actionId);
      say({
        id,
        assumption,
        result: ran.problem ? 'refuted' : 'confirmed',
        detail: ran.summary[0] ?? '',
      });
    };
    await sayRan('set-up-workbook', 'Set up workbook runs through the API as the deployer', 'init');
    const forms = await action('set-up-forms');
    const trouble = forms.summary.filter((l) =>
      /not accepting responses|could not be opened/.test(l),
    );
    say({
      id: 'forms-published-after-set-up',
      assumption: 'After Set up forms every form is published and accepting responses',
      result: forms.problem || trouble.length ? 'refuted' : 'confirmed',
      detail: trouble.join(' ') || forms.summary[0] || '',
    });
    // From here on, the clean-up runs whatever happens: the test responses (noted before they
    // are made) and the throwaway cohort; what an earlier check that died left is cleaned too.
    try {
      const submitted = (await run('liveCheckSubmit')) as {
        form: string;
        submitted: boolean;
        skipped?: boolean;
        address?: string;
        detail: string;
      }[];
      for (const s of submitted)
        say({
          id: `form-takes-response:${s.form}`,
          assumption:
            'The form takes a response without a Google sign-in check (made through FormApp)',
          result: s.submitted ? 'confirmed' : s.skipped ? 'unknown' : 'refuted',
          detail: s.detail,
        });
      const made = submitted.filter((s) => s.submitted);
      const addressed = made.filter((s) => s.address);
      say({
        id: 'script-response-has-no-address',
        assumption:
          'A response built by a script carries no respondent address (so no acknowledgement is sent for it)',
        result: made.length ? (addressed.length ? 'refuted' : 'confirmed') : 'unknown',
        detail: addressed.map((s) => `${s.form}: ${s.address}`).join(', '),
      });
      const swept = await action('record-responses');
      const recorded = Object.values(
        ((swept.data ?? {}) as { forms?: Record<string, { added?: number; updated?: number }> })
          .forms ?? {},
      ).reduce((n, f) => n + (f.added ?? 0) + (f.updated ?? 0), 0);
      say({
        id: 'sweep-records-untriggered-responses',
        assumption: 'A response that fired no trigger is recorded by "Record missed responses"',
        result: recorded > 0 ? 'confirmed' : 'refuted',
        detail: swept.summary.join(' '),
      });
      await sayRan(
        'review-applications',
        'Review applications runs through the API',
        'review-applications',
      );
      await action('status');

      // The throwaway cohort: its own tabs, folders under its own root, mail to your +aliases
      // only (a cohort left by an earlier check that died is cleaned up first, in the script).
      for (const v of (await run('liveCheckCohort')) as Verdict[]) say(v);
    } finally {
      for (const v of (await run('liveCheckCleanUp')) as Verdict[]) say(v);
    }

    const count = (r: Verdict['result']) => verdicts.filter((v) => v.result === r).length;
    io.out(
      `\n${count('confirmed')} confirmed, ${count('refuted')} refuted, ${count('unknown')} unknown.`,
    );
    io.out(
      "Left behind: in the development Sheet its forms and tabs, the choice form's test rows (nothing to mark) and the Log's records (its test responses carrying the marker were removed); in your mailbox the throwaway cohort's two introductions to your +lc- aliases; in your Drive bin its folders.",
    );
    return count('refuted') ? 1 : 0;
  } catch (error) {
    if (error instanceof Stop) {
      io.out(error.message);
      return 2;
    }
    throw error;
  }
}

if (require.main === module || process.argv[1]?.endsWith('check-live.ts')) {
  checkLive(process.argv.slice(2), {
    out: (line) => console.log(line),
    cwd: process.cwd(),
    home: os.homedir(),
  }).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
