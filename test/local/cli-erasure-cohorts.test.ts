import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli';
import { copyDemo } from '../support/demo';
import { cells, filesUnder, readable } from '../support/readable-files';
import { tempDir } from '../support/temp';

/**
 * An erasure request after the cohort was archived, for a mentor who took part in the demo's
 * first cohort and applies again in the second: it must reach the first cohort's stores too (its
 * archive, its e-mails and invitations, its calendar records, its certificate and the combined
 * PDF), not only the live cohort's. What the demo itself keeps (its form exports in out/demo, the
 * workbook as the year ended, its manifest) is the demo's, not the tool's, and is left out.
 */
describe('erase-person after archive-cohort', () => {
  it('reaches every cohort: no tab, archive, e-mail, invitation, calendar record or PDF names them', async () => {
    const dir = tempDir('pm-erase-cohorts-');
    await copyDemo(dir);
    const email = 'rhodri.williams@kent.gov.example';
    const name = 'Rhodri Williams';
    const hits = (text: string) => text.toLowerCase().includes(email) || text.includes(name);
    const outside = (f: string) =>
      !f.startsWith(path.join(dir, 'out', 'demo') + path.sep) &&
      path.basename(f) !== '.peer-mentoring-demo.json';
    const naming = async () => [
      ...filesUnder(path.join(dir, 'out'))
        .filter(outside)
        .filter((f) => hits(readable(f)))
        .map((f) => path.relative(dir, f)),
      ...(await cells(path.join(dir, 'scheme.xlsx')))
        .filter((c) => hits(c.text))
        .map((c) => `tab ${c.tab}`),
      ...(await cells(path.join(dir, 'archive', 'Demo cohort.xlsx')))
        .filter((c) => hits(c.text))
        .map((c) => `archive tab ${c.tab}`),
    ];
    const before = await naming();
    // They are in both cohorts' stores before: the first cohort's mail, calendar and PDFs too.
    expect(before).toEqual(
      expect.arrayContaining([
        'tab Applications',
        'archive tab Matches',
        expect.stringMatching(/^out\/mail\/invite_/),
        expect.stringMatching(/^out\/calendar\/S0\d\.json$/),
        'out/drive/Certificates/Rhodri Williams – Demo cohort certificate.pdf',
      ]),
    );
    const erased = await cli(dir, 'erase-person', email);
    expect(erased).toMatchObject({ code: 0, err: '' });
    expect(erased.out).toMatch(/calendar guest lists: \d+ items?/);
    expect(erased.out).toMatch(/certificate PDFs: \d+ items?/);
    expect(await naming()).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'archive', 'Demo cohort.xlsx'))).toBe(true);
  }, 600_000);
});
