/** Header names are matched ignoring case, spaces and punctuation: "Library service" = "library  SERVICE". */
export function headerKey(header: string): string {
  return String(header)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function normaliseEmail(email: string): string {
  return String(email).trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[a-z]{2,}$/i;

export function isValidEmail(email: string): boolean {
  return EMAIL_PATTERN.test(String(email).trim());
}

export function firstName(fullName: string): string {
  return String(fullName).trim().split(/\s+/)[0] ?? '';
}

/** Joins "a", "b", "c" as "a, b and c" for sentences staff read. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
