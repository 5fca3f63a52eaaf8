// Generated from formats/specs/trex.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream', './TunkaLink'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'), require('./TunkaLink'));
  } else {
    factory(root.Trex || (root.Trex = {}), root.KaitaiStream, root.TunkaLink || (root.TunkaLink = {}));
  }
})(typeof self !== 'undefined' ? self : this, function (Trex_, KaitaiStream, TunkaLink_) {
/**
 * Raw data of the Tunka-Rex radio array, recorded through the Tunka optical
 * link. Identical to Tunka-133 except that a link holds 4 packages. A file has
 * no header: link records until end of file (28 links in the sample `trex`).
 * Times of day only, no date.
 * @see ../shared/formats/TAIGA-FORMATS.md section 5
 */

var Trex = (function() {
  function Trex(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  Trex.prototype._read = function() {
    this.links = [];
    var i = 0;
    while (!this._io.isEof()) {
      this.links.push(new TunkaLink_.TunkaLink(this._io, null, null, 4));
      i++;
    }
  }

  /**
   * Links of 4 packages until end of file.
   */

  return Trex;
})();
Trex_.Trex = Trex;
});
