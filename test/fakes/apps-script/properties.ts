import type { FakeRuntime } from './runtime';

type Properties = GoogleAppsScript.Properties.Properties;
type PropertiesMethods =
  | 'getProperty'
  | 'setProperty'
  | 'deleteProperty'
  | 'getProperties'
  | 'setProperties'
  | 'deleteAllProperties'
  | 'getKeys';
export type PropertyScope = 'script' | 'document' | 'user';

/** Apps Script's limits: 9 KB per value, 500 KB per store (keys + values, UTF-8). */
export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** One property store; `map` is the raw data for test set-up and assertions (uncounted). */
export class FakeProperties implements Pick<Properties, PropertiesMethods> {
  constructor(
    private readonly rt: FakeRuntime,
    readonly map: Map<string, string>,
  ) {}

  private get self(): Properties {
    return this as unknown as Properties;
  }

  /** Applies `changes` (null = delete) only if the result respects the limits. */
  private commit(changes: Map<string, string | null>, clearFirst = false): void {
    const next = new Map(clearFirst ? [] : this.map);
    for (const [k, v] of changes) {
      if (v === null) next.delete(k);
      else {
        if (bytes(v) > MAX_VALUE_BYTES) throw this.rt.error('Argument too large: value');
        next.set(k, v);
      }
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) {
      throw this.rt.error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
  }

  getProperty(key: string): string | null {
    this.rt.hit('Properties', 'getProperty');
    return this.map.get(String(key)) ?? null;
  }

  /** Non-string values are stored as String(value), as Apps Script does. */
  setProperty(key: string, value: string): Properties {
    this.rt.hit('Properties', 'setProperty');
    if (key === undefined || key === null || value === undefined) {
      throw this.rt.signatureError([key, value], 'PropertiesService.Properties.setProperty');
    }
    this.commit(new Map([[String(key), String(value)]]));
    return this.self;
  }

  deleteProperty(key: string): Properties {
    this.rt.hit('Properties', 'deleteProperty');
    this.map.delete(String(key));
    return this.self;
  }

  getProperties(): { [key: string]: string } {
    this.rt.hit('Properties', 'getProperties');
    return Object.fromEntries(this.map);
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): Properties {
    this.rt.hit('Properties', 'setProperties');
    if (typeof properties !== 'object' || properties === null) {
      throw this.rt.signatureError([properties], 'PropertiesService.Properties.setProperties');
    }
    const changes = new Map<string, string | null>();
    for (const [k, v] of Object.entries(properties)) changes.set(k, String(v));
    this.commit(changes, deleteAllOthers === true);
    return this.self;
  }

  deleteAllProperties(): Properties {
    this.rt.hit('Properties', 'deleteAllProperties');
    this.map.clear();
    return this.self;
  }

  getKeys(): string[] {
    this.rt.hit('Properties', 'getKeys');
    return this.rt.array([...this.map.keys()]);
  }
}

export class FakePropertiesService implements Pick<
  GoogleAppsScript.Properties.PropertiesService,
  'getScriptProperties' | 'getDocumentProperties' | 'getUserProperties'
> {
  readonly stores: Record<PropertyScope, Map<string, string>> = {
    script: new Map(),
    document: new Map(),
    user: new Map(),
  };

  constructor(private readonly rt: FakeRuntime) {
    rt.registerService('Properties', ['PropertiesService', 'Properties']);
  }

  getScriptProperties(): Properties {
    this.rt.hit('PropertiesService', 'getScriptProperties');
    return new FakeProperties(this.rt, this.stores.script) as unknown as Properties;
  }

  getDocumentProperties(): Properties {
    this.rt.hit('PropertiesService', 'getDocumentProperties');
    return new FakeProperties(this.rt, this.stores.document) as unknown as Properties;
  }

  getUserProperties(): Properties {
    this.rt.hit('PropertiesService', 'getUserProperties');
    return new FakeProperties(this.rt, this.stores.user) as unknown as Properties;
  }
}
