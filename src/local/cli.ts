import fs from 'node:fs';
import path from 'node:path';
import { ACTIONS } from '../actions';
import type { ActionArgs, OptionSpec } from '../core/action';
import { isUserError, staffSentence, UserError } from '../domain/errors';
import packageJson from '../../package.json';
import { readCsvFile } from './csv-file';
import { LOCAL_ACTIONS } from './local-actions';
import { servePage } from './page-server';
import { type Command, runLocal } from './run-local';
import type { LocalPaths } from './session';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'workbook', value: 'FILE', description: 'the scheme workbook (default ./scheme.xlsx)' },
  {
    name: 'out',
    value: 'DIR',
    description: 'where e-mails and other files go (default ./out, or NAME-out beside NAME.xlsx)',
  },
  { name: 'json', description: 'print the result as JSON' },
  { name: 'help', description: 'show help' },
  { name: 'version', description: 'print the version' },
];

export function commands(): readonly Command[] {
  return [...ACTIONS, ...LOCAL_ACTIONS];
}

/** `npx peer-mentoring <command>`: returns the exit code; errors are one sentence, no stack trace. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    const [name, ...positional] = parsed.positional;
    if (parsed.options.version) {
      io.out(`peer-mentoring ${packageJson.version}`);
      return 0;
    }
    if (!name || name === 'help') {
      io.out(generalHelp());
      return 0;
    }
    const action = commands().find((a) => a.id === name);
    if (!action)
      throw new UserError(
        `There is no "${name}" command: run "npx peer-mentoring --help" to see the commands.`,
      );
    if (parsed.options.help) {
      io.out(commandHelp(action));
      return 0;
    }
    checkOptions(action, parsed.options);
    checkArgs(action, positional);
    const workbook = String(parsed.options.workbook ?? 'scheme.xlsx');
    const paths: LocalPaths = {
      workbook,
      out: String(parsed.options.out ?? defaultOut(workbook)),
    };
    if ('page' in action && action.page)
      return await servePageUntilStopped(action.page, parsed.options.port, paths, io);
    const args: ActionArgs = { options: parsed.options, positional };
    if ('readsCsv' in action && action.readsCsv) {
      if (!positional[0])
        throw new UserError(`Name the CSV file to import: ${action.usage ?? action.id}.`);
      args.csv = readCsvFile(positional[0]);
    }
    const result = await runLocal(action, args, paths);
    if ('htmlFile' in action && action.htmlFile) {
      const file = path.join(paths.out, action.htmlFile);
      fs.mkdirSync(paths.out, { recursive: true });
      const html = (result.data as { html: string }).html;
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== html)
        fs.writeFileSync(file, html);
      result.summary.push(`Open ${path.resolve(file)} in a web browser.`);
    }
    io.out(
      parsed.options.json ? JSON.stringify(result.data ?? {}, null, 2) : result.summary.join('\n'),
    );
    return 0;
  } catch (error) {
    io.err(staffSentence(error));
    if (isUserError(error)) return 2;
    if (process.env.PEER_MENTORING_DEBUG && error instanceof Error) io.err(error.stack ?? '');
    return 1;
  }
}

/**
 * Each workbook's files go beside it: ./out for scheme.xlsx (as always), NAME-out for NAME.xlsx,
 * so a second workbook in the same folder (a demo, a test) never writes into the scheme's out/.
 */
export function defaultOut(workbook: string): string {
  const stem = path.basename(workbook, path.extname(workbook));
  return path.join(path.dirname(workbook), stem === 'scheme' ? 'out' : `${stem}-out`);
}

/** A command with a page: serve it (each of its calls a runLocal) until Ctrl+C or SIGTERM. */
async function servePageUntilStopped(
  page: string,
  portOption: string | boolean | undefined,
  paths: LocalPaths,
  io: Io,
): Promise<number> {
  const port = portOption === undefined ? 0 : Number(portOption);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError('--port must be a whole number from 0 to 65535 (0: any free port).');
  if (!fs.existsSync(paths.workbook))
    throw new UserError(
      `There is no workbook at ${paths.workbook}: run "npx peer-mentoring init" first, or name the workbook with --workbook FILE.`,
    );
  const server = await servePage({ page, paths, port });
  io.out(`Review screen: ${server.url} (press Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    // Started through npx, this process has a parent: when that one dies (killed, or its
    // terminal closed), no one can press Ctrl+C any more, so the server stops too.
    const parent = process.ppid;
    const orphaned = setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 500);
    const stop = () => {
      clearInterval(orphaned);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
  });
  await server.close();
  return 0;
}

function parseArgs(argv: readonly string[]): {
  options: Record<string, string | boolean>;
  positional: string[];
} {
  const options: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h') options.help = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const takesValue = [...GLOBAL_OPTIONS, ...commands().flatMap((a) => a.options ?? [])].some(
        (o) => o.name === name && o.value,
      );
      if (inline !== undefined) options[name] = inline;
      else if (takesValue) {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--'))
          throw new UserError(`--${name} needs a value.`);
        options[name] = value;
        i += 1;
      } else options[name] = true;
    } else positional.push(arg);
  }
  return { options, positional };
}

function checkOptions(action: Command, options: Record<string, string | boolean>): void {
  const known = new Set([...GLOBAL_OPTIONS, ...(action.options ?? [])].map((o) => o.name));
  for (const name of Object.keys(options)) {
    if (!known.has(name))
      throw new UserError(
        `"${action.id}" has no --${name} option: run "npx peer-mentoring ${action.id} --help".`,
      );
  }
  for (const option of action.options ?? []) {
    if (option.required && options[option.name] === undefined) {
      throw new UserError(
        `"${action.id}" needs --${option.name} ${option.value ?? ''}`.trimEnd() + '.',
      );
    }
  }
}

/** Arguments a command does not take are refused, not silently ignored. */
function checkArgs(action: Command, positional: readonly string[]): void {
  const max = ('maxArgs' in action ? action.maxArgs : undefined) ?? 0;
  if (positional.length <= max) return;
  const extra = positional
    .slice(max)
    .map((a) => `"${a}"`)
    .join(' ');
  throw new UserError(
    `"${action.id}" takes ${max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'}`} but was ${max === 0 ? '' : 'also '}given ${extra}, so nothing was done (put a value with spaces in quotes): see "npx peer-mentoring ${action.id} --help".`,
  );
}

function optionLabel(o: OptionSpec): string {
  return `--${o.name}${o.value ? ` ${o.value}` : ''}`;
}

/** Each option once (a command's own first), as the command's help lists them. */
function optionsOf(action: Command): OptionSpec[] {
  const seen = new Set<string>();
  return [...(action.options ?? []), ...GLOBAL_OPTIONS].filter(
    (o) => !seen.has(o.name) && Boolean(seen.add(o.name)),
  );
}

function generalHelp(): string {
  const width =
    Math.max(
      ...commands().map((a) => a.id.length),
      ...GLOBAL_OPTIONS.map((o) => optionLabel(o).length),
    ) + 2;
  return [
    'peer-mentoring: runs the peer-mentoring scheme over a local workbook.',
    '',
    'Usage: npx peer-mentoring <command> [options]',
    '',
    'Commands:',
    ...commands().map((a) => `  ${a.id.padEnd(width)}${a.summary}`),
    '',
    'Options for every command:',
    ...GLOBAL_OPTIONS.map((o) => `  ${optionLabel(o).padEnd(width)}${o.description}`),
    '',
    'Run "npx peer-mentoring <command> --help" for more about a command.',
  ].join('\n');
}

function commandHelp(action: Command): string {
  const options = optionsOf(action);
  const width = Math.max(...options.map((o) => optionLabel(o).length)) + 2;
  return [
    `Usage: npx peer-mentoring ${action.usage ?? action.id} [options]`,
    '',
    action.summary,
    ...(action.menu ? ['', `In the Google Sheet: Mentoring menu → ${action.menu}.`] : []),
    '',
    'Options:',
    ...options.map(
      (o) => `  ${optionLabel(o).padEnd(width)}${o.description}${o.required ? ' (required)' : ''}`,
    ),
  ].join('\n');
}
