import type { FakeRuntime } from './runtime';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlOutputMethods =
  | 'setTitle'
  | 'getTitle'
  | 'setWidth'
  | 'getWidth'
  | 'setHeight'
  | 'getHeight'
  | 'getContent'
  | 'setContent'
  | 'append'
  | 'appendUntrusted'
  | 'addMetaTag'
  | 'getMetaTags'
  | 'clear';

/** A meta tag added with addMetaTag (Apps Script's HtmlOutputMetaTag, as plain data). */
export interface FakeMetaTag {
  name: string;
  content: string;
}

/** HtmlOutput: the HTML is kept as a string (`content`, readable by tests without counting). */
export class FakeHtmlOutput implements Pick<HtmlOutput, HtmlOutputMethods> {
  title = '';
  width = 600;
  height = 400;
  metaTags: FakeMetaTag[] = [];

  constructor(
    private readonly rt: FakeRuntime,
    public content: string,
  ) {}

  private get self(): HtmlOutput {
    return this as unknown as HtmlOutput;
  }

  setTitle(title: string): HtmlOutput {
    this.rt.hit('HtmlOutput', 'setTitle');
    this.title = String(title);
    return this.self;
  }

  getTitle(): string {
    this.rt.hit('HtmlOutput', 'getTitle');
    return this.title;
  }

  setWidth(width: number): HtmlOutput {
    this.rt.hit('HtmlOutput', 'setWidth');
    this.width = width;
    return this.self;
  }

  getWidth(): number {
    this.rt.hit('HtmlOutput', 'getWidth');
    return this.width;
  }

  setHeight(height: number): HtmlOutput {
    this.rt.hit('HtmlOutput', 'setHeight');
    this.height = height;
    return this.self;
  }

  getHeight(): number {
    this.rt.hit('HtmlOutput', 'getHeight');
    return this.height;
  }

  getContent(): string {
    this.rt.hit('HtmlOutput', 'getContent');
    return this.content;
  }

  setContent(content: string): HtmlOutput {
    this.rt.hit('HtmlOutput', 'setContent');
    this.content = String(content);
    return this.self;
  }

  append(addedContent: string): HtmlOutput {
    this.rt.hit('HtmlOutput', 'append');
    this.content += String(addedContent);
    return this.self;
  }

  /** Appends with HTML special characters escaped, as Apps Script does. */
  appendUntrusted(addedContent: string): HtmlOutput {
    this.rt.hit('HtmlOutput', 'appendUntrusted');
    this.content += escapeHtml(String(addedContent));
    return this.self;
  }

  /** Adds a meta tag to the page Apps Script serves (kept apart from `content`, as there). */
  addMetaTag(name: string, content: string): HtmlOutput {
    this.rt.hit('HtmlOutput', 'addMetaTag');
    this.metaTags.push({ name: String(name), content: String(content) });
    return this.self;
  }

  getMetaTags(): GoogleAppsScript.HTML.HtmlOutputMetaTag[] {
    this.rt.hit('HtmlOutput', 'getMetaTags');
    return this.metaTags.map((tag) => ({
      getName: () => tag.name,
      getContent: () => tag.content,
    }));
  }

  clear(): HtmlOutput {
    this.rt.hit('HtmlOutput', 'clear');
    this.content = '';
    return this.self;
  }
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * HtmlService.createHtmlOutput(html?) and createHtmlOutputFromFile(name), the latter reading the
 * project's HTML files given to the fake (`htmlFiles`, keyed by file name with or without
 * `.html`). No templates: scriptlets are left as they are, as createHtmlOutputFromFile does.
 */
export class FakeHtmlService implements Pick<
  GoogleAppsScript.HTML.HtmlService,
  'createHtmlOutput' | 'createHtmlOutputFromFile'
> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly files: Record<string, string> = {},
  ) {
    rt.registerService('Html', ['HtmlService', 'HtmlOutput']);
  }

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutput {
    this.rt.hit('HtmlService', 'createHtmlOutput');
    let content = '';
    if (typeof html === 'string') content = html;
    else if (html && typeof (html as GoogleAppsScript.Base.Blob).getDataAsString === 'function') {
      content = (html as GoogleAppsScript.Base.Blob).getDataAsString();
    } else if (html !== undefined && html !== null) content = String(html);
    return new FakeHtmlOutput(this.rt, content) as unknown as HtmlOutput;
  }

  /** Like Apps Script, "page" and "page.html" both name the project file page.html. */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    this.rt.hit('HtmlService', 'createHtmlOutputFromFile');
    const name = String(filename);
    const base = name.replace(/\.html$/i, '');
    const content = [name, base, `${base}.html`]
      .map((key) => this.files[key])
      .find((html) => html !== undefined);
    if (content === undefined) throw this.rt.error(`No HTML file named ${name} was found.`);
    return new FakeHtmlOutput(this.rt, content) as unknown as HtmlOutput;
  }
}
