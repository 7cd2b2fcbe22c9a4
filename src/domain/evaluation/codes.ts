import { fnv1a64 } from '../hash';

/**
 * Pseudonymous codes: the questionnaires carry a participant code (and, for the January
 * decision, a pair code) in their pre-filled links instead of a name or e-mail address, so the
 * answers and the report hold no identity; staff can re-identify through the Matches tab only.
 * A code is derived from the cohort and the address, so a run that stopped after sending a
 * link and before saving the workbook gives the same code again; once written in Matches the
 * stored code is kept (renaming the cohort later changes nothing).
 */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function encode(hex: string, length: number): string {
  let n = BigInt(`0x${hex}`);
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += ALPHABET[Number(n % 32n)];
    n /= 32n;
  }
  return out;
}

export function participantCode(cohort: string, email: string): string {
  return `P-${encode(fnv1a64(`participant|${cohort}|${email.trim().toLowerCase()}`), 8)}`;
}

export function pairCode(cohort: string, menteeEmail: string, mentorEmail: string): string {
  const key = `pair|${cohort}|${menteeEmail.trim().toLowerCase()}|${mentorEmail.trim().toLowerCase()}`;
  return `PR-${encode(fnv1a64(key), 8)}`;
}

export function isCodeLike(text: string): boolean {
  return /^(P|PR)-[2-9A-HJ-NP-Z]{8}$/.test(text.trim().toUpperCase());
}
