/** The kinds of practical help the scheme offers (from the scheme's FAQ). */
export const AREAS = [
  'Capital projects',
  'Restructures',
  'Service transformation',
  'Working with councillors',
  'Budgeting',
  'Technical knowledge',
  'Other',
] as const;

export type Area = (typeof AREAS)[number];

/** Google joins checkbox answers with ", ": split them back, keeping the scheme's spelling. */
export function parseAreas(answer: string): { areas: Area[]; unknown: string[] } {
  const areas: Area[] = [];
  const unknown: string[] = [];
  for (const part of String(answer).split(/\s*[,;]\s*/)) {
    const text = part.trim();
    if (!text) continue;
    const area = AREAS.find((a) => a.toLowerCase() === text.toLowerCase());
    if (area) {
      if (!areas.includes(area)) areas.push(area);
    } else unknown.push(text);
  }
  return { areas, unknown };
}
