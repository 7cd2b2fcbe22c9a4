// Changes to exceljs in the CLI bundle (scripts/build-cli.cjs) that make saving a large workbook
// faster and never change what is written: test/local/exceljs-speed-patches.test.ts saves a
// workbook with them and with exceljs as published and finds every part of the two files the same.
//
// In its XmlStream (lib/utils/xml-stream.js):
// - `xml` joined the sheet's pieces (one string per tag, attribute and value: a million or more
//   on a 1,000-pair workbook) in one `join`, which V8 does slowly at that size: about 250 ms of
//   every save. Joined a few thousand at a time, it takes a tenth of that.
// - Each tag's attributes were gathered in an array of their own, then joined; they are now
//   added to one string.
//
// In its shared strings (lib/xlsx/xform/strings/shared-strings-xform.js):
// - Each text's number was looked up in a plain object, which V8 makes slow past a few thousand
//   keys (a 1,000-pair Log has about 100,000 texts); it is now a Map, twice as fast.
//
// exceljs 4.4.0 is the last release; if a later one changes these lines the build stops with
// a message here rather than bundling code that no longer matches.
'use strict';

const XML_STREAM = [
  {
    what: 'the attributes of a tag',
    from: `function pushAttributes(xml, attributes) {
  if (attributes) {
    const tmp = [];
    _.each(attributes, (value, name) => {
      if (value !== undefined) {
        pushAttribute(tmp, name, value);
      }
    });
    xml.push(tmp.join(""));
  }
}`,
    to: `function pushAttributes(xml, attributes) {
  if (attributes) {
    if (Array.isArray(attributes)) {
      const tmp = [];
      _.each(attributes, (value, name) => {
        if (value !== undefined) {
          pushAttribute(tmp, name, value);
        }
      });
      xml.push(tmp.join(""));
      return;
    }
    let text = "";
    for (const name of Object.keys(attributes)) {
      const value = attributes[name];
      if (value !== undefined) {
        text += \` \${name}="\${utils.xmlEncode(value.toString())}"\`;
      }
    }
    xml.push(text);
  }
}`,
  },
  {
    what: 'the whole XML of a part',
    from: `  get xml() {
    this.closeAll();
    return this._xml.join('');
  }`,
    to: `  get xml() {
    this.closeAll();
    const pieces = this._xml;
    let text = '';
    for (let i = 0; i < pieces.length; i += 4096) text += pieces.slice(i, i + 4096).join('');
    return text;
  }`,
  },
];

const SHARED_STRINGS = [
  {
    what: "the shared strings' index",
    from: `    this.hash = Object.create(null);`,
    to: `    this.hash = new Map();`,
  },
  {
    what: 'adding a text to the shared strings',
    from: `    let index = this.hash[value];
    if (index === undefined) {
      index = this.hash[value] = this.model.values.length;
      this.model.values.push(value);
    }`,
    to: `    let index = this.hash.get(value);
    if (index === undefined) {
      index = this.model.values.length;
      this.hash.set(value, index);
      this.model.values.push(value);
    }`,
  },
];

/** exceljs's files that are patched (their path inside the package), with the changes to each. */
const PATCHES = {
  'lib/utils/xml-stream.js': XML_STREAM,
  'lib/xlsx/xform/strings/shared-strings-xform.js': SHARED_STRINGS,
};

/** The patched source of exceljs's `file`, or an error naming what no longer matches. */
function patchExceljs(file, source) {
  let patched = source.replace(/\r\n/g, '\n');
  for (const { what, from, to } of PATCHES[file]) {
    if (!patched.includes(from)) {
      throw new Error(
        `scripts/exceljs-speed-patches.cjs: exceljs's ${file} no longer has the code for ${what}; update the patch for this exceljs version, or remove it.`,
      );
    }
    patched = patched.replace(from, () => to);
  }
  return patched;
}

/** Matches the path of a patched file; its first group is the path inside the package. */
const PATCHED_FILE = new RegExp(
  `[\\\\/]exceljs[\\\\/](${Object.keys(PATCHES)
    .map((f) => f.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]'))
    .join('|')})$`,
);

module.exports = { patchExceljs, PATCHED_FILE };
