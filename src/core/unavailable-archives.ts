import { UserError } from '../domain/errors';
import type { ArchivePort } from '../ports';

/**
 * TEMPORARY (issue 14 in progress): the archive port before its back ends exist. Listing finds
 * none; making or opening one refuses in a sentence. The archive-cohort work replaces this.
 */
export function unavailableArchives(): ArchivePort {
  const refuse = (): never => {
    throw new UserError('Archives are not available in this version of the tool yet.');
  };
  return { list: () => [], ensure: refuse, open: refuse };
}
