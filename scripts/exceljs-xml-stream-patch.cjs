// Two changes to exceljs's XmlStream (node_modules/exceljs/lib/utils/xml-stream.js) in the CLI
// bundle (scripts/build-cli.cjs). They change how fast a sheet's XML is built, never what it is:
// test/local/exceljs-xml-stream.test.ts saves workbooks with this and with exceljs as published
// and finds every part of the two files the same.
//
// - `xml` joined the sheet's pieces (one string per tag, attribute and value: a million or more
//   on a 1,000-pair workbook) in one `join`, which V8 does slowly at that size: about 250 ms of
//   every save. Joined a few thousand at a time, it takes a tenth of that.
// - Each tag's attributes were gathered in an array of their own, then joined; they are now
//   added to one string.
//
// exceljs 4.4.0 is the last release; if a later one changes these lines the build stops with
// a message here rather than bundling code that no longer matches.
'use strict';

const REPLACEMENTS = [
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

/** The patched source, or an error naming what no longer matches. */
function patchXmlStream(source) {
  let patched = source.replace(/\r\n/g, '\n');
  for (const { what, from, to } of REPLACEMENTS) {
    if (!patched.includes(from)) {
      throw new Error(
        `scripts/exceljs-xml-stream-patch.cjs: exceljs's xml-stream.js no longer has the code for ${what}; update the patch for this exceljs version, or remove it.`,
      );
    }
    patched = patched.replace(from, () => to);
  }
  return patched;
}

module.exports = { patchXmlStream };
