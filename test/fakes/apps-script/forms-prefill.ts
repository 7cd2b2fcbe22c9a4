/**
 * Pre-filled links (FormResponse.toPrefilledUrl) for the one FormResponse draft of forms.ts
 * (Form.createResponse, QuestionItem.createResponse, withItemResponse, submit). Google's link
 * names each question by an "entry" number that is not the item's ID: the fake makes one up from
 * the ID, so code that builds links from item IDs fails here as it would on Google.
 */

export function entryNumber(itemId: number): number {
  return 1_000_000_000 + ((itemId * 7919) % 999_999_937);
}

/** `…/viewform?usp=pp_url&entry.N=value…`, entries in the form's item order, spaces as `+`. */
export function prefilledUrl(
  viewUrl: string,
  itemOrder: number[],
  answers: { itemId: number; value: string | string[] }[],
): string {
  const entries = [...answers]
    .sort((a, b) => itemOrder.indexOf(a.itemId) - itemOrder.indexOf(b.itemId))
    .flatMap((a) => (Array.isArray(a.value) ? a.value : [a.value]).map((v) => [a.itemId, v]))
    .map(
      ([id, v]) =>
        `&entry.${entryNumber(id as number)}=${encodeURIComponent(String(v)).replace(/%20/g, '+')}`,
    );
  return `${viewUrl}?usp=pp_url${entries.join('')}`;
}
