import { FakeBlob } from './blob';
import type { DriveStore } from './drive';
import type { AccountKind } from './mail';
import { drawSlidesPdf, isPdf, pdfPagesText } from './pdf';
import type { FakeRuntime } from './runtime';

type Presentation = GoogleAppsScript.Slides.Presentation;

export const SLIDES_MIME = 'application/vnd.google-apps.presentation';
export const PDF_MIME = 'application/pdf';

/** Slides (and the Drive calls certificates add: exporting and blobs), in virtual ms. */
export const SLIDES_COSTS = {
  'SlidesApp.*': 100,
  'SlidesApp.openById': 1000,
  'Presentation.*': 50,
  'Presentation.getId': 1,
  'Presentation.replaceAllText': 400,
  'Presentation.saveAndClose': 1500,
  'File.getAs': 3000,
  'File.getBlob': 300,
};

/** Docs/Slides files a user may create per rolling 24 hours (a copy counts). */
export const DAILY_SLIDES_CREATED: Record<AccountKind, number> = { consumer: 250, workspace: 1500 };
/** Files a user may convert (e.g. export to PDF) per rolling 24 hours. */
export const DAILY_FILES_CONVERTED: Record<AccountKind, number> = {
  consumer: 2000,
  workspace: 4000,
};

/** What the fake keeps of a presentation: per slide, the text of each text box. */
type Deck = string[][];

/** Test controls for Slides (`fake.slides`), uncounted. */
export interface SlidesControls {
  /** A Google Slides file (default: in My Drive) whose slides hold these text boxes. */
  seedPresentation(name: string, parentId: string | undefined, slides: Deck): string;
  /** The saved text of a presentation, slide by slide. */
  text(id: string): Deck;
  /**
   * The text a PDF file shows (pdftotext), page by page, its non-empty lines (null: not a PDF).
   * An export shows each slide's text boxes in order, one line each.
   */
  pdfText(fileId: string): Deck | null;
  /** Slides files created in the 24 hours before now. */
  createdInLastDay(): number;
}

function parseDeck(content: string): Deck {
  try {
    const deck = JSON.parse(content) as unknown;
    if (Array.isArray(deck)) return deck.map((s) => (Array.isArray(s) ? s.map(String) : []));
  } catch {
    // An empty or foreign file: a presentation with no slides.
  }
  return [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * SlidesApp over presentations stored in the Drive fake (content: the deck as JSON). As strict
 * as Google where it matters to a mail merge: replaceAllText is literal and ignores case unless
 * matchCase is true; edits reach the file (and so a PDF export) only at saveAndClose; a closed
 * presentation refuses further calls; copying a presentation counts towards the daily quota.
 */
export class FakeSlidesApp implements Pick<GoogleAppsScript.Slides.SlidesApp, 'openById'> {
  private readonly created: number[] = [];
  private readonly converted: number[] = [];
  private readonly limit: number;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly store: DriveStore,
    account: AccountKind,
  ) {
    this.limit = DAILY_SLIDES_CREATED[account];
    rt.registerService('Slides', ['SlidesApp', 'Presentation'], SLIDES_COSTS);
    store.converters.set(SLIDES_MIME, (content, to, name) => {
      if (to !== PDF_MIME) return null;
      const since = rt.clock.nowMs() - 24 * 3_600_000;
      if (this.converted.filter((t) => t > since).length >= DAILY_FILES_CONVERTED[account]) {
        throw rt.error('Service invoked too many times for one day: file conversions.');
      }
      this.converted.push(rt.clock.nowMs());
      return drawSlidesPdf(parseDeck(content), name);
    });
    store.beforeCreate.push((mimeType) => {
      if (mimeType !== SLIDES_MIME) return;
      if (this.createdInLastDay() >= this.limit) {
        throw rt.error('Service invoked too many times for one day: slides create.');
      }
      this.created.push(rt.clock.nowMs());
    });
  }

  openById(id: string): Presentation {
    this.rt.hit('SlidesApp', 'openById');
    const node = this.store.nodes.get(String(id));
    if (!node || node.kind !== 'file' || node.mimeType !== SLIDES_MIME) {
      throw this.rt.error(
        `No item with the given ID could be found, or you do not have permission to access it.`,
      );
    }
    return new FakePresentation(this.rt, this.store, node.id) as unknown as Presentation;
  }

  createdInLastDay(): number {
    const since = this.rt.clock.nowMs() - 24 * 3_600_000;
    return this.created.filter((t) => t > since).length;
  }

  controls(): SlidesControls {
    return {
      seedPresentation: (name, parentId, slides) =>
        this.store.controls().seedFile(name, parentId, {
          mimeType: SLIDES_MIME,
          content: JSON.stringify(slides),
        }),
      text: (id) => parseDeck(this.store.get(id).content),
      pdfText: (fileId) => {
        const node = this.store.get(fileId);
        if (node.mimeType !== PDF_MIME || !isPdf(node.bytes ?? undefined)) return null;
        return pdfPagesText(node.bytes!);
      },
      createdInLastDay: () => this.createdInLastDay(),
    };
  }
}

type PresentationMethods = 'getId' | 'getName' | 'replaceAllText' | 'saveAndClose';

/** An open presentation: a working copy of the deck, written back by saveAndClose only. */
export class FakePresentation implements Pick<Presentation, PresentationMethods> {
  private deck: Deck;
  private closed = false;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly store: DriveStore,
    private readonly id: string,
  ) {
    this.deck = parseDeck(store.get(id).content);
  }

  private call(method: string): void {
    this.rt.hit('Presentation', method);
    if (this.closed) {
      throw this.rt.error('The presentation is closed: open it again with SlidesApp.openById.');
    }
  }

  getId(): string {
    this.call('getId');
    return this.id;
  }

  getName(): string {
    this.call('getName');
    return this.store.get(this.id).name;
  }

  replaceAllText(findText: string, replaceText: string, matchCase?: boolean): number {
    this.call('replaceAllText');
    if (typeof findText !== 'string' || typeof replaceText !== 'string') {
      throw this.rt.signatureError(
        [findText, replaceText],
        'SlidesApp.Presentation.replaceAllText',
      );
    }
    if (findText === '') throw this.rt.error('Invalid argument: findText');
    const pattern = new RegExp(escapeRegExp(findText), matchCase === true ? 'g' : 'gi');
    let count = 0;
    this.deck = this.deck.map((slide) =>
      slide.map((box) =>
        box.replace(pattern, () => {
          count += 1;
          return replaceText;
        }),
      ),
    );
    return count;
  }

  saveAndClose(): void {
    this.call('saveAndClose');
    this.store.get(this.id).content = JSON.stringify(this.deck);
    this.closed = true;
  }
}

export { FakeBlob };
