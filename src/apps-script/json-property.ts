import type { AppsScriptServices } from './services';

/**
 * A JSON value kept in one of the script's properties (the live checks' manifests of what they
 * made, read again by their clean-ups in a later execution).
 */
export class JsonProperty<T> {
  constructor(
    private readonly services: AppsScriptServices,
    private readonly key: string,
  ) {}

  /** The value, or null when there is none or it is not JSON (a clean-up then finds nothing). */
  read(): T | null {
    const raw = this.services.PropertiesService.getScriptProperties().getProperty(this.key);
    try {
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  write(value: T): void {
    this.services.PropertiesService.getScriptProperties().setProperty(
      this.key,
      JSON.stringify(value),
    );
  }

  remove(): void {
    this.services.PropertiesService.getScriptProperties().deleteProperty(this.key);
  }
}
