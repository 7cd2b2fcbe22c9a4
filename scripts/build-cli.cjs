// Builds the Node CLI into one file, dist-cli/cli.cjs (dist/ is the Apps Script build), and a
// stamp of everything it was built from. `npm ci` builds it (the `prepare` script);
// bin/peer-mentoring.cjs rebuilds it when the stamp no longer matches, so it never runs stale.
//
// The libraries are bundled too: exceljs alone is ~660 small files, and resolving and reading them
// cost more than the command itself. Each bundled module still runs only when first required, and
// the heavy ones (exceljs, nodemailer, pdf-lib, the CSV parsers) are required where they are used.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { patchExceljs, PATCHED_FILE } = require('./exceljs-speed-patches.cjs');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist-cli');
const bundle = path.join(outDir, 'cli.cjs');
const stampFile = path.join(outDir, 'stamp.json');
/** Inputs esbuild does not list: the build itself, and what decides which libraries are installed. */
const EXTRA_INPUTS = [
  'scripts/build-cli.cjs',
  'scripts/jszip-zlib-flate.cjs',
  'scripts/exceljs-speed-patches.cjs',
  'scripts/exceljs-vendor.cjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
];

/** What a file's stamp entry is: size and modification time, or null when it is missing. */
function fileStamp(relative, base = root) {
  try {
    const s = fs.statSync(path.join(base, relative));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * True when the bundle's files all exist and every file it was built from (our sources; the
 * libraries through npm's own record of node_modules) is exactly as it was. One stat a file.
 */
function isFresh({ base = root, dir = outDir } = {}) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dir, 'stamp.json'), 'utf8'));
  } catch {
    return false;
  }
  if (!stamp || typeof stamp.files !== 'object' || !Array.isArray(stamp.outputs)) return false;
  for (const output of stamp.outputs) if (!fs.existsSync(path.join(dir, output))) return false;
  for (const [file, expected] of Object.entries(stamp.files)) {
    if (fileStamp(file, base) !== expected) return false;
  }
  return true;
}

/** Libraries only some commands use: each is its own file, read only when a command needs it. */
const VENDOR = {
  exceljs: 'exceljs',
  nodemailer: 'nodemailer',
  'pdf-lib': 'pdf-lib',
  '@pdf-lib/fontkit': 'fontkit',
  vega: 'vega',
  'vega-lite': 'vega-lite',
  'iconv-lite': 'iconv-lite',
  'csv-parse/sync': 'csv-parse',
  'csv-stringify/sync': 'csv-stringify',
};

/** What a vendor file is built from, where it is not the library itself. */
const VENDOR_ENTRY = { exceljs: path.join(__dirname, 'exceljs-vendor.cjs') };

/** Modules inside a library that the CLI requires too: each comes from that library's file. */
const VENDOR_PARTS = {
  'exceljs/lib/xlsx/xform/sheet/worksheet-xform': 'exceljs',
  saxes: 'exceljs',
};

const exactly = (names) =>
  new RegExp(`^(${names.map((n) => n.replace(/[/.-]/g, '\\$&')).join('|')})$`);

/**
 * `require('exceljs')` in the CLI becomes `require('./vendor/exceljs.cjs')`, and a module inside
 * it (VENDOR_PARTS) is taken from that file's `parts`, so the CLI loads one copy of the library.
 */
const vendorPlugin = {
  name: 'vendor',
  setup(build) {
    build.onResolve({ filter: exactly(Object.keys(VENDOR)) }, (args) => ({
      path: `./vendor/${VENDOR[args.path]}.cjs`,
      external: true,
    }));
    build.onResolve({ filter: exactly(Object.keys(VENDOR_PARTS)) }, (args) => ({
      path: args.path,
      namespace: 'vendor-part',
    }));
    build.onResolve({ filter: /^\.\/vendor\//, namespace: 'vendor-part' }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'vendor-part' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(
        `./vendor/${VENDOR[VENDOR_PARTS[args.path]]}.cjs`,
      )}).parts[${JSON.stringify(args.path)}];`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * exceljs loads its streaming reader and writer (unzipper, archiver) and its CSV support
 * (fast-csv, dayjs) on start; the CLI uses none of them (it reads and writes whole workbooks and
 * parses CSV with csv-parse), and they are most of exceljs's start-up time. Left out of the
 * bundle, each is a stub that says so if it is ever used.
 */
const UNUSED_IN_EXCELJS = /^(\.\/stream\/xlsx\/workbook-(reader|writer)|\.\.\/csv\/csv)$/;
const trimExceljsPlugin = {
  name: 'trim-exceljs',
  setup(build) {
    build.onResolve({ filter: UNUSED_IN_EXCELJS }, (args) =>
      /exceljs[\\/]lib[\\/]/.test(args.importer)
        ? { path: args.path, namespace: 'unused-in-cli' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'unused-in-cli' }, (args) => ({
      contents: `module.exports = class { constructor() { throw new Error(${JSON.stringify(
        `exceljs ${args.path} is left out of the CLI bundle (scripts/build-cli.cjs)`,
      )}); } };`,
      loader: 'js',
    }));
  },
};

/** jszip (inside exceljs) inflates and deflates through Node's zlib, not pako: see that file. */
const zlibFlatePlugin = {
  name: 'jszip-zlib-flate',
  setup(build) {
    build.onLoad({ filter: /[\\/]jszip[\\/]lib[\\/]flate\.js$/ }, (args) => ({
      contents: fs.readFileSync(path.join(__dirname, 'jszip-zlib-flate.cjs'), 'utf8'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** exceljs saves faster, the same bytes: see scripts/exceljs-speed-patches.cjs. */
const exceljsSpeedPlugin = {
  name: 'exceljs-speed',
  setup(build) {
    build.onLoad({ filter: PATCHED_FILE }, (args) => ({
      contents: patchExceljs(
        PATCHED_FILE.exec(args.path)[1].replace(/\\/g, '/'),
        fs.readFileSync(args.path, 'utf8'),
      ),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

const COMMON = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  legalComments: 'none',
  logLevel: 'error',
};

/** Builds the bundle and its stamp (each written to a temp file and renamed into place). */
async function buildCli() {
  const esbuild = require('esbuild');
  const started = Date.now();
  const cli = await esbuild.build({
    ...COMMON,
    entryPoints: [path.join(root, 'src/local/cli.ts')],
    outfile: bundle,
    metafile: true,
    // It reads its VTIMEZONE files from beside itself (__dirname), so it is loaded from
    // node_modules: bundled, it found none and invitations went out without their VTIMEZONE.
    external: ['@touch4it/ical-timezones'],
    plugins: [vendorPlugin],
  });
  const vendor = await esbuild.build({
    ...COMMON,
    entryPoints: Object.entries(VENDOR).map(([from, name]) => ({
      in: VENDOR_ENTRY[from] ?? from,
      out: name,
    })),
    outdir: path.join(outDir, 'vendor'),
    outExtension: { '.js': '.cjs' },
    plugins: [trimExceljsPlugin, zlibFlatePlugin, exceljsSpeedPlugin],
  });
  const files = {};
  const ours = Object.keys(cli.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  for (const file of [...ours, ...EXTRA_INPUTS].sort()) {
    const stamp = fileStamp(file);
    // A file saved while the build ran may not be in the bundle: the next run rebuilds.
    const changedSince = stamp !== null && Number(stamp.split(':')[1]) >= started - 1;
    files[file] = changedSince ? 'changed during the build' : stamp;
  }
  const suffix = `.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const write = (file, contents) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file + suffix, contents);
    fs.renameSync(file + suffix, file);
  };
  // The libraries first, the CLI next, the stamp last: a run that sees the stamp sees them all.
  for (const out of vendor.outputFiles) write(out.path, out.contents);
  for (const out of cli.outputFiles) write(out.path, out.contents);
  const outputs = [...vendor.outputFiles, ...cli.outputFiles].map((o) =>
    path.relative(outDir, o.path).split(path.sep).join('/'),
  );
  write(stampFile, `${JSON.stringify({ outputs, files }, null, 1)}\n`);
  const kb = (outputs) => Math.round(outputs.reduce((n, o) => n + o.contents.length, 0) / 1024);
  return { cliKB: kb(cli.outputFiles), vendorKB: kb(vendor.outputFiles), inputs: ours.length };
}

/** Builds the bundle unless it is fresh; resolves to its path. */
async function ensureCli() {
  if (!isFresh()) await buildCli();
  return bundle;
}

module.exports = { bundle, stampFile, buildCli, ensureCli, fileStamp, isFresh };

if (require.main === module) {
  buildCli().then(
    ({ cliKB, vendorKB, inputs }) =>
      console.log(
        `dist-cli/cli.cjs: ${cliKB} KB from ${inputs} source files; dist-cli/vendor: ${vendorKB} KB`,
      ),
    (error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
