import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderFormHtml } from '../domain/form-html';
import { csvColumns, FormDefinition } from '../domain/forms';
import { writeFileAtomic } from './atomic-file';
import type { FormSpec, FormsPort } from '../ports';

/**
 * Locally a form is an accessible HTML preview of the Google Form, out/forms/<id>.html, and
 * beside it <id>.json: the spec and the CSV columns the import expects (responses come in as a
 * CSV export). Files are replaced atomically and only when their content changes.
 */
export class LocalForms implements FormsPort {
  private readonly dir: string;

  constructor(outDir: string) {
    this.dir = path.join(outDir, 'forms');
  }

  ensureForm(spec: FormSpec, _knownId?: string): { id: string; url: string; created: boolean } {
    const id = spec.definition.id;
    const html = path.join(this.dir, `${id}.html`);
    const created = !fs.existsSync(html);
    fs.mkdirSync(this.dir, { recursive: true });
    const json = `${JSON.stringify({ ...spec, csvColumns: csvColumns(spec.definition) }, null, 2)}\n`;
    writeIfChanged(path.join(this.dir, `${id}.json`), json);
    writeIfChanged(html, renderFormHtml(spec));
    return { id, url: pathToFileURL(path.resolve(html)).href, created };
  }

  /**
   * Google's pre-filled link shape (?usp=pp_url&entry.<question>=<value>) on the local form page,
   * with the question's field standing in for Google's entry number.
   */
  prefill(
    _definition: FormDefinition,
    form: { id: string; link: string },
    fields: readonly string[],
  ): (answers: Readonly<Record<string, string>>) => string {
    const base = form.link.split('?')[0];
    return (answers) =>
      `${base}?usp=pp_url${fields.map((f) => `&entry.${f}=${encodeURIComponent(answers[f] ?? '')}`).join('')}`;
  }

  /** Nothing to trigger locally: responses are imported from CSV files. */
  ensureSubmitTriggers(
    _handler: string,
    _unlinkedFormIds: readonly string[],
  ): { installed: number; removed: number } {
    return { installed: 0, removed: 0 };
  }
}

function writeIfChanged(file: string, content: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === content) return;
  } catch {
    // missing: written below
  }
  writeFileAtomic(file, content, { durable: true });
}
