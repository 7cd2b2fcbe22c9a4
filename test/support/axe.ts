import type { Page } from 'playwright-core';

/** axe-core's own build, injected into the page under test (no network, no CDN). */
export const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

/** WCAG 2.1 A and AA: what the scheme's pages are held to. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and returns one line per violation (rule, impact,
 * the elements it found), so a failing test says what to fix. [] means none.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: AxeApi }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    // axe found nothing to check: the page did not load, which is no pass.
    if (!result.passes.length) return ['axe-core found nothing to check on this page'];
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
  }, WCAG_21_AA);
  return violations;
}

interface AxeApi {
  run(
    context: unknown,
    options: object,
  ): Promise<{
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    passes: unknown[];
  }>;
}
