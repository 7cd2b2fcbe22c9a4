import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../domain/errors';

/**
 * The demo's claim on its output folder: a list of every file it wrote there. A later demo may
 * remove exactly those files and nothing else; a folder holding anything else (a real scheme's
 * e-mails, pair folders, forms) is refused, so the demo can never destroy work it did not make.
 */
export const DEMO_MANIFEST = '.peer-mentoring-demo.json';

interface Manifest {
  complete: boolean;
  files: string[];
}

/** Every file under `dir`, as '/'-separated paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

function readManifest(dir: string): Manifest | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, DEMO_MANIFEST), 'utf8')) as Manifest;
    return Array.isArray(parsed.files) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Makes `dir` ready for a new demo: removes what a previous, finished demo wrote there, or
 * refuses (changing nothing) when it holds anything else. Then claims the folder.
 */
export function claimDemoFolder(dir: string): void {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    throw new UserError(`${dir} is a file, not a folder: give the demo another --out folder.`);
  const present = filesUnder(dir).filter((f) => f !== DEMO_MANIFEST);
  if (present.length > 0) {
    const manifest = readManifest(dir);
    if (!manifest) {
      throw new UserError(
        `${path.resolve(dir)} holds files the demo did not make (such as ${present[0]}), so the demo will not use it: give it an empty or new folder with --out.`,
      );
    }
    const mine = new Set(manifest.files);
    const other = present.find((f) => !mine.has(f));
    if (other !== undefined || !manifest.complete) {
      throw new UserError(
        other !== undefined
          ? `${path.resolve(dir)} holds ${other}, which the demo did not make, so the demo will not use it: give it an empty or new folder with --out.`
          : `${path.resolve(dir)} holds a demo that did not finish, so the demo cannot tell its files from yours: delete that folder yourself or give the demo another --out folder.`,
      );
    }
    for (const file of present) fs.rmSync(path.join(dir, ...file.split('/')), { force: true });
    removeEmptyFolders(dir);
  }
  fs.mkdirSync(dir, { recursive: true });
  writeManifest(dir, { complete: false, files: [] });
}

/** Records every file now in `dir` as the demo's (called when the demo has finished). */
export function completeDemoFolder(dir: string): void {
  writeManifest(dir, { complete: true, files: filesUnder(dir).filter((f) => f !== DEMO_MANIFEST) });
}

function writeManifest(dir: string, manifest: Manifest): void {
  fs.writeFileSync(path.join(dir, DEMO_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Removes the folders under `dir` left empty (only the demo's files were in them). */
function removeEmptyFolders(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    removeEmptyFolders(child);
    if (fs.readdirSync(child).length === 0) fs.rmdirSync(child);
  }
}
