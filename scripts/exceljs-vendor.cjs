// dist-cli/vendor/exceljs.cjs is built from this: exceljs, and the two modules of it that the
// CLI drives itself (its worksheet parser and the XML parser under it, for the tabs it parses
// when a command first reads them: src/local/xlsx-deferred-tabs.ts), taken from the same copy.
// scripts/build-cli.cjs points the CLI's requires of those two modules here.
'use strict';
module.exports = {
  ...require('exceljs'),
  parts: {
    'exceljs/lib/xlsx/xform/sheet/worksheet-xform': require('exceljs/lib/xlsx/xform/sheet/worksheet-xform'),
    saxes: require('saxes'),
  },
};
