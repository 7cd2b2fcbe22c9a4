/**
 * Counts every fake service method call, keyed 'Class.method' (e.g. 'Range.getValues').
 * Each class belongs to a service ('Spreadsheet', 'Mail', ...) so totals can be taken per service.
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly serviceOf = new Map<string, string>();
  private readonly recent: string[] = [];
  /** How many entries `history()` keeps (oldest dropped first). */
  historyLimit = 10_000;

  /** Declares that calls on `className` belong to `service` (for `total(service)`). */
  register(className: string, service: string): void {
    this.serviceOf.set(className, service);
  }

  /** The service a class was registered under (the class name itself if unregistered). */
  service(className: string): string {
    return this.serviceOf.get(className) ?? className;
  }

  record(className: string, method: string): void {
    const key = `${className}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.recent.push(key);
    if (this.recent.length > this.historyLimit) this.recent.shift();
  }

  /** Calls of one method ('Range.getValues') or, given a bare class name ('Range'), of the whole class. */
  count(key: string): number {
    if (key.includes('.')) return this.counts.get(key) ?? 0;
    let sum = 0;
    for (const [k, n] of this.counts) if (k.slice(0, k.indexOf('.')) === key) sum += n;
    return sum;
  }

  /** Sum over every class registered under `service`, e.g. total('Spreadsheet'). */
  total(service?: string): number {
    let sum = 0;
    for (const [k, n] of this.counts) {
      if (service === undefined || this.service(k.slice(0, k.indexOf('.'))) === service) sum += n;
    }
    return sum;
  }

  /** Every 'Class.method' in call order (the last `historyLimit` calls). */
  history(): string[] {
    return [...this.recent];
  }

  reset(): void {
    this.counts.clear();
    this.recent.length = 0;
  }

  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) out[key] = this.counts.get(key) ?? 0;
    return out;
  }
}
