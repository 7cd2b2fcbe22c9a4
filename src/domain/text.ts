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

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The people a folder is shared with: each address checked before anything is shared (an error
 * names the bad one), lower-cased, each once.
 */
export function editorAddresses(editors: readonly string[]): string[] {
  const wanted: string[] = [];
  for (const address of editors) {
    if (!isValidEmail(address)) {
      throw new Error(`Cannot share a folder with "${address}": it is not an e-mail address.`);
    }
    const email = normaliseEmail(address);
    if (!wanted.includes(email)) wanted.push(email);
  }
  return wanted;
}
