import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ACTIONS } from '../actions';
import { pageFunctionName } from '../core/action';
import { isUserError, staffSentence, UserError } from '../domain/errors';
import { runLocal } from './cli';
import type { LocalPaths } from './session';

/** Request bodies are a few e-mail addresses; anything larger is refused. */
export const MAX_BODY_BYTES = 100 * 1024;

const PAGES_DIR = path.resolve(__dirname, '../../appsscript');

/**
 * What `google.script.run` is inside Apps Script, for a page served locally: any function name
 * becomes a POST to /run/<name> with the arguments as a JSON array; the answer goes to the
 * success handler (the data) or the failure handler (an Error whose message is one sentence).
 */
const SHIM = `<script>
(function () {
  'use strict';
  function send(name, args, success, failure, userObject) {
    var fail = function (message) {
      if (failure) failure(new Error(message), userObject);
      else if (window.console) window.console.error(message);
    };
    fetch('/run/' + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    })
      .then(function (response) {
        return response.json();
      })
      .then(
        function (answer) {
          if (answer && answer.ok) {
            if (success) success(answer.data, userObject);
          } else fail(answer && answer.message ? answer.message : 'The request failed.');
        },
        function () {
          fail('The review screen lost contact with the command line: check it is still running, then reload this page.');
        },
      );
  }
  function runner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (fn) { return runner(fn, failure, userObject); };
        if (name === 'withFailureHandler') return function (fn) { return runner(success, fn, userObject); };
        if (name === 'withUserObject') return function (o) { return runner(success, failure, o); };
        if (typeof name !== 'string' || name === 'then') return undefined;
        return function () {
          send(name, Array.prototype.slice.call(arguments), success, failure, userObject);
        };
      },
    });
  }
  window.google = window.google || {};
  window.google.script = { run: runner(null, null, undefined) };
})();
</script>
`;

/** The page with the shim placed before its own first script (or at the end of its head). */
export function withShim(html: string): string {
  const at = html.search(/<script[\s>]/i);
  if (at >= 0) return html.slice(0, at) + SHIM + html.slice(at);
  const head = html.search(/<\/head>/i);
  if (head >= 0) return html.slice(0, head) + SHIM + html.slice(head);
  return SHIM + html;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves a page (appsscript/<page>.html) on 127.0.0.1, with its google.script.run calls answered
 * by the exposed actions, each through the CLI's own path (runLocal: one locked session per call,
 * the workbook saved when it succeeds). Calls run one at a time, in the order they arrive.
 */
export function servePage(options: {
  page: string;
  paths: LocalPaths;
  port?: number;
  host?: '127.0.0.1';
}): Promise<{ url: string; close(): Promise<void> }> {
  const { page, paths } = options;
  const host = options.host ?? '127.0.0.1';
  if (!/^[a-z0-9-]+$/.test(page)) return Promise.reject(new Error(`Not a page name: ${page}`));
  const file = path.join(PAGES_DIR, `${page}.html`);
  let queue: Promise<unknown> = Promise.resolve();
  let origin = '';
  let hosts: string[] = [];

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error) => {
      if (!(error instanceof HttpProblem)) process.stderr.write(`${describe(error)}\n`);
      const status = error instanceof HttpProblem ? error.status : 500;
      const message = error instanceof HttpProblem ? error.message : staffSentence(error);
      if (!res.headersSent) json(res, status, { ok: false, message }, status === 413);
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Only this machine's browser, at this address: no DNS rebinding, no other site's forms.
    if (!hosts.includes(req.headers.host ?? ''))
      throw new HttpProblem(403, `Open the review screen at ${origin}/ instead.`);
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'GET' && url.pathname === '/') {
      const html = withShim(fs.readFileSync(file, 'utf8'));
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy':
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      });
      res.end(html);
      return;
    }
    const match = /^\/run\/([A-Za-z0-9_$]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) throw new HttpProblem(404, 'There is nothing here.');
    if (
      req.headers.origin !== undefined &&
      !hosts.some((h) => req.headers.origin === `http://${h}`)
    )
      throw new HttpProblem(403, 'Calls are only accepted from the review screen itself.');
    const name = match[1];
    const action = ACTIONS.find((a) => a.exposed && pageFunctionName(a) === name);
    if (!action) throw new HttpProblem(404, `There is no server function named ${name}.`);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw new HttpProblem(415, 'Send the arguments as JSON.');
    const body = await readBody(req);
    let args: unknown;
    try {
      args = JSON.parse(body);
    } catch {
      throw new HttpProblem(400, 'The arguments are not valid JSON.');
    }
    if (!Array.isArray(args)) throw new HttpProblem(400, 'Send the arguments as a JSON array.');

    const run = queue.then(() =>
      runLocal(action, { options: {}, positional: args.map((a) => String(a ?? '')) }, paths),
    );
    queue = run.catch(() => undefined);
    try {
      const result = await run;
      json(res, 200, { ok: true, data: result.data ?? null });
    } catch (error) {
      if (!isUserError(error)) throw error;
      // The call worked; the action said no: a 200, like a failure handler call in Apps Script.
      json(res, 200, { ok: false, message: error.message });
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UserError(
              `Port ${options.port} is already in use: choose another with --port, or leave --port out to use any free port.`,
            )
          : error,
      );
    });
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      origin = `http://${host}:${port}`;
      hosts = [`${host}:${port}`, `localhost:${port}`];
      resolve({
        url: `${origin}/`,
        close: async () => {
          // Idle keep-alive connections go now; a call still running is let finish (and save).
          const stragglers = setTimeout(() => server.closeAllConnections(), 5_000);
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          });
          clearTimeout(stragglers);
          await queue;
        },
      });
    });
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(): HttpProblem {
  return new HttpProblem(413, `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`);
}

function json(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(JSON.stringify(body));
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const stack =
    process.env.PEER_MENTORING_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
  return `Something went wrong in the review screen (${message}).${stack}`;
}
