type Blob = GoogleAppsScript.Base.Blob;

type BlobMethods =
  | 'getBytes'
  | 'getDataAsString'
  | 'getName'
  | 'setName'
  | 'getContentType'
  | 'setContentType'
  | 'copyBlob'
  | 'isGoogleType';

/**
 * A Blob: plain data once made (its methods are uncounted, as they run in the script, not in a
 * Google service). Text blobs keep their string (`data`); binary ones (a PDF) their bytes.
 */
export class FakeBlob implements Pick<Blob, BlobMethods> {
  /** The content as bytes (UTF-8 for text). */
  readonly bytes: Uint8Array;
  /** True when the blob was made from bytes, not text. */
  readonly binary: boolean;

  constructor(
    data: string | Uint8Array,
    private contentType: string | null,
    private name: string | null,
  ) {
    this.binary = typeof data !== 'string';
    this.bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  }

  /** The content as text (UTF-8; a binary blob decoded as Apps Script's getDataAsString does). */
  get data(): string {
    return new TextDecoder().decode(this.bytes);
  }

  /** Java's signed bytes, as Apps Script hands them to JavaScript. */
  getBytes(): GoogleAppsScript.Byte[] {
    return Array.from(this.bytes, (b) => (b > 127 ? b - 256 : b));
  }

  getDataAsString(): string {
    return this.data;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): Blob {
    this.name = String(name);
    return this as unknown as Blob;
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string | null): Blob {
    this.contentType = contentType;
    return this as unknown as Blob;
  }

  copyBlob(): Blob {
    return new FakeBlob(
      this.binary ? this.bytes : this.data,
      this.contentType,
      this.name,
    ) as unknown as Blob;
  }

  isGoogleType(): boolean {
    return /^application\/vnd\.google-apps\./.test(this.contentType ?? '');
  }
}

export function isFakeBlob(value: unknown): value is FakeBlob {
  return value instanceof FakeBlob;
}

/** Apps Script refuses a Blob over 50 MB (see README: the exact limit and wording are assumed). */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;
