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
 * Google service). Content is text: the fake's "files" are strings.
 */
export class FakeBlob implements Pick<Blob, BlobMethods> {
  constructor(
    readonly data: string,
    private contentType: string | null,
    private name: string | null,
  ) {}

  getBytes(): GoogleAppsScript.Byte[] {
    return Array.from(new TextEncoder().encode(this.data), (b) => (b > 127 ? b - 256 : b));
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
    return new FakeBlob(this.data, this.contentType, this.name) as unknown as Blob;
  }

  isGoogleType(): boolean {
    return /^application\/vnd\.google-apps\./.test(this.contentType ?? '');
  }
}

export function isFakeBlob(value: unknown): value is FakeBlob {
  return value instanceof FakeBlob;
}
