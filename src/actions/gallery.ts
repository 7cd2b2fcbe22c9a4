import type { Action, ActionContext, ActionResult } from '../core/action';
import { loadSettings, loadTable } from '../core/workbook';
import { GalleryMentor, renderGallery, splitAreas } from '../domain/gallery';
import type { Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB } from '../domain/tabs';

export interface GalleryPage {
  html: string;
  mentors: number;
}

/** The Applications tab's accepted mentors (Role Mentor, Status Accepted), as the gallery shows them. */
export function acceptedMentors(table: Table): GalleryMentor[] {
  const mentors: GalleryMentor[] = [];
  table.rows.forEach((_, row) => {
    if (!/^mentor$/i.test(table.text(row, 'Role'))) return;
    if (!/^accepted$/i.test(table.text(row, 'Status'))) return;
    mentors.push({
      name: table.text(row, 'Name'),
      service: table.text(row, 'Library service'),
      areas: splitAreas(table.text(row, 'Areas')),
      video: table.text(row, 'Video link'),
    });
  });
  return mentors;
}

/** The gallery page from the tabs already read. */
export function galleryPage(
  settings: Pick<Settings, 'schemeName' | 'cohort'>,
  applications: Table,
): GalleryPage {
  const mentors = acceptedMentors(applications);
  return {
    html: renderGallery({ schemeName: settings.schemeName, cohort: settings.cohort, mentors }),
    mentors: mentors.length,
  };
}

/**
 * `gallery`: the page mentees use at the launch day to watch the accepted mentors' introduction
 * videos. Reads Settings and Applications; writes nothing to the workbook. Synchronous, like
 * every action, so that an Apps Script `doGet` (which must return its HtmlOutput, not a Promise)
 * can serve `data.html` directly.
 */
export function galleryAction({ ports }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const applications = loadTable(ports.workbook, APPLICATIONS_TAB);
  const page = galleryPage(settings, applications);
  return {
    summary: [
      `The gallery lists ${page.mentors} accepted ${page.mentors === 1 ? 'mentor' : 'mentors'}.`,
    ],
    data: page,
  };
}

/** The `gallery` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const GALLERY_ACTION: Action = {
  id: 'gallery',
  functionName: 'showGallery',
  summary:
    'Write the launch-day gallery of accepted mentors and their introduction videos (in Google: the web app).',
  htmlFile: 'gallery.html',
  run: galleryAction,
};
