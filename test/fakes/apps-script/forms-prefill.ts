import { FakeForm, FakeTextItem, publishedUrl, type FormState } from './forms';
import type { FakeRuntime } from './runtime';

/**
 * Pre-filled links (Form.createResponse, TextItem.createResponse, FormResponse.withItemResponse
 * and toPrefilledUrl), added to the Forms fake from this file so forms.ts stays as it is. Google's
 * link names each question by an "entry" number that is not the item's ID: the fake makes one
 * up from the ID, so code that builds links from item IDs fails here as it would on Google.
 */
interface ItemResponseState {
  form: FormState;
  itemId: number;
  value: string;
}

export function entryNumber(itemId: number): number {
  return 1_000_000_000 + ((itemId * 7919) % 999_999_937);
}

export class FakePrefillItemResponse {
  constructor(
    private readonly rt: FakeRuntime,
    readonly state: ItemResponseState,
  ) {}

  getResponse(): string {
    this.rt.hit('ItemResponse', 'getResponse');
    return this.state.value;
  }
}

export class FakePrefillResponse {
  private readonly answers: ItemResponseState[] = [];

  constructor(
    private readonly rt: FakeRuntime,
    private readonly form: FormState,
  ) {}

  withItemResponse(
    response: GoogleAppsScript.Forms.ItemResponse,
  ): GoogleAppsScript.Forms.FormResponse {
    this.rt.hit('FormResponse', 'withItemResponse');
    const r = response as unknown as FakePrefillItemResponse;
    if (!(r instanceof FakePrefillItemResponse))
      throw this.rt.signatureError([response], 'FormApp.FormResponse.withItemResponse');
    if (r.state.form !== this.form) throw this.rt.error('The item response is for another form.');
    const i = this.answers.findIndex((a) => a.itemId === r.state.itemId);
    if (i >= 0) this.answers.splice(i, 1);
    this.answers.push(r.state);
    return this as unknown as GoogleAppsScript.Forms.FormResponse;
  }

  toPrefilledUrl(): string {
    this.rt.hit('FormResponse', 'toPrefilledUrl');
    const order = this.form.items.filter((i) => !i.deleted).map((i) => i.id);
    const entries = [...this.answers]
      .sort((a, b) => order.indexOf(a.itemId) - order.indexOf(b.itemId))
      .map(
        (a) =>
          `&entry.${entryNumber(a.itemId)}=${encodeURIComponent(a.value).replace(/%20/g, '+')}`,
      );
    return `${publishedUrl(this.form)}?usp=pp_url${entries.join('')}`;
  }
}

type Internals = { rt: FakeRuntime; state: FormState; form: FormState; hit(method: string): void };

declare module './forms' {
  interface FakeForm {
    createResponse(): GoogleAppsScript.Forms.FormResponse;
  }
  interface FakeTextItem {
    createResponse(response: string): GoogleAppsScript.Forms.ItemResponse;
  }
}

FakeForm.prototype.createResponse = function createResponse(this: FakeForm) {
  const self = this as unknown as Internals;
  self.hit('createResponse');
  return new FakePrefillResponse(
    self.rt,
    self.state,
  ) as unknown as GoogleAppsScript.Forms.FormResponse;
};

FakeTextItem.prototype.createResponse = function createResponse(
  this: FakeTextItem,
  response: string,
) {
  const self = this as unknown as Internals & { state: { id: number; deleted: boolean } };
  self.rt.hit('TextItem', 'createResponse');
  if (typeof response !== 'string')
    throw self.rt.signatureError([response], 'FormApp.TextItem.createResponse');
  if (self.state.deleted) throw self.rt.error('The item was deleted.');
  return new FakePrefillItemResponse(self.rt, {
    form: self.form,
    itemId: self.state.id,
    value: response,
  }) as unknown as GoogleAppsScript.Forms.ItemResponse;
};
