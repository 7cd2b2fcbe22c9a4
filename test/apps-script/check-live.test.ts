import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { checkLive, HELP } from '../../scripts/check-live';
import { loadBundle } from '../support/bundle';
import { tempDir } from '../support/temp';

/**
 * A stand-in for script.googleapis.com on 127.0.0.1: scripts.run calls the named function of
 * the built bundle, loaded on the in-memory fake, and answers as the Apps Script API does.
 */
async function stubApi() {
  const { fake, call } = loadBundle({ account: 'workspace', userEmail: 'lead@scheme.example' });
  const requests: { url: string; auth: string; body: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as { function: string; parameters?: unknown[] };
      requests.push({ url: req.url ?? '', auth: String(req.headers.authorization), body });
      let answer: unknown;
      try {
        const result = call(body.function, ...(body.parameters ?? []));
        answer = {
          done: true,
          response: {
            '@type': 'type.googleapis.com/google.apps.script.v1.ExecutionResponse',
            result: JSON.parse(JSON.stringify(result ?? null)),
          },
        };
      } catch (error) {
        answer = {
          done: true,
          error: {
            code: 3,
            message: 'ScriptError',
            details: [
              {
                '@type': 'type.googleapis.com/google.apps.script.v1.ExecutionError',
                errorMessage: String((error as { message?: unknown }).message ?? error),
                errorType: 'ScriptError',
              },
            ],
          },
        };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { fake, requests, server, rootUrl: `http://127.0.0.1:${port}/` };
}

function project(scriptId = '1DevSheetScript') {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ scriptId, rootDir: 'dist' }));
  fs.writeFileSync(
    path.join(dir, '.clasprc.json'),
    JSON.stringify({
      tokens: {
        default: {
          type: 'authorized_user',
          client_id: 'client.apps.googleusercontent.com',
          client_secret: 'secret',
          refresh_token: 'refresh',
          access_token: 'access-token',
          expiry_date: Date.now() + 3_600_000,
        },
      },
    }),
  );
  return dir;
}

describe('npm run check:live (against a local stub of the Apps Script API)', () => {
  it('--help explains what it does, what it needs and what it leaves behind', async () => {
    const lines: string[] = [];
    expect(await checkLive(['--help'], { out: (l) => lines.push(l), cwd: '.', home: '.' })).toBe(0);
    expect(lines.join('\n')).toBe(HELP);
    expect(HELP).toMatch(/DEVELOPMENT Sheet/);
    expect(HELP).toMatch(/API-executable deployment/);
    expect(HELP).toMatch(/leaves behind/);
  });

  it('runs the scripted sequence through scripts.run and prints each assumption with a verdict', async () => {
    const { fake, requests, server, rootUrl } = await stubApi();
    const dir = project();
    const lines: string[] = [];
    try {
      const code = await checkLive(['--root-url', rootUrl], {
        out: (l) => lines.push(l),
        cwd: dir,
        home: dir,
      });
      const out = lines.join('\n');
      expect(out).toMatch(/^confirmed active-user: .*\(lead@scheme\.example\)$/m);
      expect(out).toMatch(/^confirmed set-up-workbook:/m);
      expect(out).toMatch(/^confirmed forms-published-after-set-up:/m);
      expect(out).toMatch(/^confirmed sweep-records-untriggered-responses:/m);
      expect(out).toMatch(/^(confirmed|REFUTED {2}|unknown {2}) cell-limit:/m);
      // pdf-lib in the bundle, in a context with no setTimeout, TextEncoder or Buffer.
      expect(out).toMatch(
        /^confirmed pdf-lib-synchronous: .*the same through newBlob; present here: none of/m,
      );
      expect(out).toMatch(/\d+ confirmed, \d+ refuted, \d+ unknown\./);
      expect(code).toBe(/REFUTED/.test(out) ? 1 : 0);
      // The deployer's token, the development script, the latest pushed code.
      expect(requests.every((r) => r.auth === 'Bearer access-token')).toBe(true);
      expect(requests.every((r) => r.url === '/v1/scripts/1DevSheetScript:run')).toBe(true);
      expect(requests.every((r) => r.body.devMode === true)).toBe(true);
      // The test responses went into the forms and were recorded by the sweep, not a trigger.
      const applications = fake.spreadsheet.values('Applications');
      expect(applications.length).toBeGreaterThan(2);
      expect(fake.forms.all().every((f) => f.published)).toBe(true);
    } finally {
      server.close();
    }
  }, 60_000);

  it('says in one sentence what to do when .clasp.json names no script or there is no login', async () => {
    const lines: string[] = [];
    const dir = project('REPLACE-WITH-THE-DEV-SHEET-SCRIPT-ID');
    expect(await checkLive([], { out: (l) => lines.push(l), cwd: dir, home: dir })).toBe(2);
    expect(lines).toEqual([
      ".clasp.json names no development script yet: put the development Sheet's script ID in it (see README).",
    ]);
    const other = project();
    fs.rmSync(path.join(other, '.clasprc.json'));
    lines.length = 0;
    expect(await checkLive([], { out: (l) => lines.push(l), cwd: other, home: other })).toBe(2);
    expect(lines[0]).toMatch(/run "npx clasp login" first/);
  });

  it('an API refusal (no API-executable deployment) is one sentence pointing at the set-up', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 404, message: 'Requested entity was not found.' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = project();
    const lines: string[] = [];
    try {
      const code = await checkLive(['--root-url', `http://127.0.0.1:${port}/`], {
        out: (l) => lines.push(l),
        cwd: dir,
        home: dir,
      });
      expect(code).toBe(2);
      expect(lines.at(-1)).toMatch(
        /refused liveCheckPlatform .*docs\/apps-script\.md \("Live check"\)/,
      );
    } finally {
      server.close();
    }
  });
});
