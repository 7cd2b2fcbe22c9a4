// Stands in for jszip/lib/flate.js in the CLI bundle (scripts/build-cli.cjs): the same raw DEFLATE
// through Node's own zlib instead of pako, a JavaScript port that is most of the time exceljs takes
// to open and save a large workbook. Same interface: a worker per zip entry, chunks in, chunks out;
// a damaged entry ends the worker with an error (the workbook is then reported unreadable).
'use strict';
var zlib = require('zlib');
var utils = require('./utils');
var GenericWorker = require('./stream/GenericWorker');

exports.magic = '\x08\x00';

// When the writer names no level (exceljs does not): zlib's 4, not its usual 6, halves the time
// a save spends compressing, for a file about 3% larger (a 1,000-pair workbook: 25 ms, not 55).
var DEFAULT_LEVEL = 4;

function ZlibWorker(action, options) {
  GenericWorker.call(this, 'ZlibWorker/' + action);
  this._action = action;
  this._level = options.level;
  this._chunks = [];
  this.meta = {};
}
utils.inherits(ZlibWorker, GenericWorker);

ZlibWorker.prototype.processChunk = function (chunk) {
  this.meta = chunk.meta;
  var data = utils.transformTo('uint8array', chunk.data);
  this._chunks.push(Buffer.from(data.buffer, data.byteOffset, data.length));
};

ZlibWorker.prototype.flush = function () {
  GenericWorker.prototype.flush.call(this);
  var input = Buffer.concat(this._chunks);
  this._chunks = [];
  var output;
  try {
    output =
      this._action === 'Deflate'
        ? zlib.deflateRawSync(input, { level: this._level > 0 ? this._level : DEFAULT_LEVEL })
        : zlib.inflateRawSync(input);
  } catch (error) {
    this.error(error);
    return;
  }
  this.push({
    data: new Uint8Array(output.buffer, output.byteOffset, output.length),
    meta: this.meta,
  });
};

ZlibWorker.prototype.cleanUp = function () {
  GenericWorker.prototype.cleanUp.call(this);
  this._chunks = [];
};

exports.compressWorker = function (compressionOptions) {
  return new ZlibWorker('Deflate', compressionOptions || {});
};
exports.uncompressWorker = function () {
  return new ZlibWorker('Inflate', {});
};
