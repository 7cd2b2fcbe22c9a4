import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { readPage } from '../../src/local/page-html';
import { main } from '../../src/local/cli';
import { servePage } from '../../src/local/page-server';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import type { TabData } from '../../src/domain/table';
import { cli, PEOPLE_SETTINGS, menteeRow, mentorRow, writeCsv } from '../support/cli';
import { tempDir } from '../support/temp';

const root = path.resolve(__dirname, '../..');

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so that Host, Origin and the body are exactly what the test says. */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // The server may answer (413) and close before a large body is all sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(options.body);
  });
}

function call(base: string, name: string, args: unknown, headers: Record<string, string> = {}) {
  return request(`${base}run/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof args === 'string' ? args : JSON.stringify(args),
  });
}

describe('the local page server', () => {
  let dir: string;
  let workbook: string;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    dir = tempDir();
    workbook = path.join(dir, 'scheme.xlsx');
    const mentors = ['ann@kent.example', 'bryn@powys.example'].map((email, i) =>
      mentorRow({ 'Email address': email, 'Full name': `Mentor ${i}`, 'Library service': `S${i}` }),
    );
    const mentees = ['cat@brent.example', 'dai@fife.example'].map((email, i) =>
      menteeRow({ 'Email address': email, 'Full name': `Mentee ${i}`, 'Library service': `T${i}` }),
    );
    for (const args of [
      ['init'],
      ...PEOPLE_SETTINGS.map(([k, v]) => ['settings', 'set', k, v]),
      ['import', '--form', 'mentor', writeCsv(path.join(dir, 'm.csv'), 'mentor', mentors)],
      ['import', '--form', 'mentee', writeCsv(path.join(dir, 'e.csv'), 'mentee', mentees)],
      ['review-applications'],
    ]) {
      expect((await cli(dir, ...args)).code).toBe(0);
    }
    server = await servePage({
      page: 'review-matches',
      paths: { workbook, out: path.join(dir, 'out') },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('GET / serves the page with the google.script.run shim before its own script', async () => {
    const answer = await request(server.url);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    // The page whole, its shared partials (appsscript/shared/) in place.
    const page = readPage(path.join(root, 'appsscript'), 'review-matches');
    expect(page).not.toMatch(/include\(/);
    const shim = answer.body.indexOf('window.google.script = { run:');
    expect(shim).toBeGreaterThan(0);
    expect(shim).toBeLessThan(answer.body.indexOf('window.StaffPage ='));
    expect(shim).toBeLessThan(answer.body.indexOf("'pageMatchReport'"));
    expect(answer.body.replace(/<script>\n\(function \(\) \{[\s\S]*?<\/script>\n/, '')).toBe(page);
  });

  it('answers an exposed action with its data, through the same path as the CLI', async () => {
    const answer = await call(server.url, 'pageMatchReport', []);
    expect(answer.status).toBe(200);
    const json = JSON.parse(answer.body);
    expect(json.ok).toBe(true);
    expect(json.data).toEqual(JSON.parse((await cli(dir, 'match-report', '--json')).out));
    expect(json.data.profile.mentees).toBe(2);
  });

  it('answers a problem staff can fix with its one sentence, and saves nothing', async () => {
    const before = fs.readFileSync(workbook);
    const answer = await call(server.url, 'pageLockPair', ['nobody@x.example', 'ann@kent.example']);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      ok: false,
      message:
        'nobody@x.example is not an accepted mentee: check the address in the Applications tab.',
    });
    expect(fs.readFileSync(workbook).equals(before)).toBe(true);
  });

  it('runs calls one at a time: two locks sent together are both saved', async () => {
    const answers = await Promise.all([
      call(server.url, 'pageLockPair', ['cat@brent.example', 'ann@kent.example']),
      call(server.url, 'pageForbidPair', ['dai@fife.example', 'ann@kent.example']),
    ]);
    expect(answers.map((a) => [a.status, JSON.parse(a.body).ok])).toEqual([
      [200, true],
      [200, true],
    ]);
    const rules = (await (
      await XlsxWorkbook.open(workbook, { create: false })
    ).readTab('Pairing rules')) as TabData;
    expect(rules.rows.map((r) => r.slice(0, 3))).toEqual([
      ['cat@brent.example', 'ann@kent.example', 'Lock'],
      ['dai@fife.example', 'ann@kent.example', 'Never'],
    ]);
  });

  it('refuses an unknown function with 404', async () => {
    const answer = await call(server.url, 'pageDeleteEverything', []);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({
      ok: false,
      message: 'There is no server function named pageDeleteEverything.',
    });
    // An action that is not exposed has no page function either.
    expect((await call(server.url, 'pageSetUpWorkbook', [])).status).toBe(404);
  });

  it('refuses a body over 100 KB with 413, declared or streamed', async () => {
    const big = JSON.stringify(['x'.repeat(101 * 1024)]);
    const declared = await call(server.url, 'pageMatchReport', big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).ok).toBe(false);
    const streamed = await request(`${server.url}run/pageMatchReport`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(streamed.status).toBe(413);
  });

  it('has no other routes, and refuses other sites and other host names', async () => {
    expect((await request(`${server.url}run/pageMatchReport`)).status).toBe(404);
    expect((await request(`${server.url}review-matches.html`)).status).toBe(404);
    expect((await request(`${server.url}../package.json`)).status).toBe(404);
    const origin = { Origin: 'https://evil.example' };
    expect((await call(server.url, 'pageConfirmMatches', [''], origin)).status).toBe(403);
    expect((await request(server.url, { headers: { Host: 'evil.example' } })).status).toBe(403);
    const text = await call(server.url, 'pageMatchReport', '[]', { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await call(server.url, 'pageMatchReport', '{"a":1}')).status).toBe(400);
    expect((await call(server.url, 'pageMatchReport', 'nope')).status).toBe(400);
  });

  it('`npx peer-mentoring review-matches` serves the page until SIGTERM, then exits 0', async () => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/peer-mentoring.cjs'), 'review-matches', '--workbook', workbook],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found =
          /^Review screen: (http:\/\/127\.0\.0\.1:\d+\/) \(press Ctrl\+C to stop\)$/m.exec(out);
        if (found) resolve(found[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect((await request(url)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  /** Starts review-matches as npx does (a parent process that runs the CLI); resolves its URL and pid. */
  function throughParent(args: string[]) {
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ${JSON.stringify([path.join(root, 'bin/peer-mentoring.cjs'), 'review-matches', ...args])}, { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (d) => process.stdout.write('pid ' + child.pid + ' ' + d));
      child.on('exit', (code) => process.exit(code ?? 1));
    `;
    const parent = spawn(process.execPath, ['-e', script], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const started = new Promise<{ url: string; pid: number }>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /^pid (\d+) Review screen: (http:\/\/127\.0\.0\.1:\d+\/)/m.exec(out);
        if (found) resolve({ pid: Number(found[1]), url: found[2] });
      });
      parent.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      parent.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    return { parent, started };
  }

  /** Whether the process ends within 20 s; one that does not is killed, so no server is left. */
  const gone = async (pid: number) => {
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; waited < 20_000 && alive(); waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    if (!alive()) return true;
    process.kill(pid, 'SIGKILL');
    return false;
  };

  it('stops its server when the npx process that started it is killed', async () => {
    const { parent, started } = throughParent(['--workbook', workbook]);
    const { url, pid } = await started;
    expect((await request(url)).status).toBe(200);
    parent.kill('SIGKILL');
    expect(await gone(pid)).toBe(true);
    await expect(request(url)).rejects.toThrow();
  }, 30_000);

  it('stops on Ctrl+C (SIGINT) even with a browser connection kept open', async () => {
    const { started } = throughParent(['--workbook', workbook]);
    const { url, pid } = await started;
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http.get(url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject),
    );
    process.kill(pid, 'SIGINT');
    expect(await gone(pid)).toBe(true);
    agent.destroy();
  }, 30_000);

  it('refuses to start on a workbook that does not exist, creating nothing', async () => {
    const missing = path.join(dir, 'nowhere', 'typo.xlsx');
    let err = '';
    const code = await main(['review-matches', '--workbook', missing], {
      out: () => undefined,
      err: (t) => (err += t),
    });
    expect(code).toBe(2);
    expect(err).toMatch(
      /There is no workbook at .*typo\.xlsx: run "npx peer-mentoring init" first/,
    );
    expect(fs.existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });
});
