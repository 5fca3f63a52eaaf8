// Generated from formats/specs/t133.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream', './TunkaLink'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'), require('./TunkaLink'));
  } else {
    factory(root.T133 || (root.T133 = {}), root.KaitaiStream, root.TunkaLink || (root.TunkaLink = {}));
  }
})(typeof self !== 'undefined' ? self : this, function (T133_, KaitaiStream, TunkaLink_) {
/**
 * Raw data of the Tunka-133 Cherenkov array (and the Tunka-Grande link of the
 * same DAQ). A file has no header: it is a sequence of link records of 32
 * packages plus one info block until end of file (119 links in the sample
 * `t133`). Times of day only, no date. The precise stamps of the sample equal
 * those of the Tunka-Grande sample minus 0.610 microseconds: both record the
 * same 119 events.
 * @see ../shared/formats/TAIGA-FORMATS.md section 3
 */

var T133 = (function() {
  function T133(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  T133.prototype._read = function() {
    this.links = [];
    var i = 0;
    while (!this._io.isEof()) {
      this.links.push(new TunkaLink_.TunkaLink(this._io, null, null, 32));
      i++;
    }
  }

  /**
   * Links of 32 packages until end of file.
   */

  return T133;
})();
T133_.T133 = T133;
});
