// Generated from formats/specs/hiscore.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream', './TaigaTime'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'), require('./TaigaTime'));
  } else {
    factory(root.Hiscore || (root.Hiscore = {}), root.KaitaiStream, root.TaigaTime || (root.TaigaTime = {}));
  }
})(typeof self !== 'undefined' ? self : this, function (Hiscore_, KaitaiStream, TaigaTime_) {
/**
 * Raw data of a TAIGA-HiSCORE wide-angle timing station. A file has no header:
 * it is a sequence of variable-length packages until end of file; all integers
 * are little-endian. No real sample was available, so every field here is as
 * the original specification states it and unverified on real bytes.
 * A package is 24 header bytes, exactly 9 waveform blocks of 4 + 2*len bytes
 * each, and the FF FF FF FF trailer. The packages carry only a time of day,
 * no date (open question 1 of TAIGA-FORMATS.md).
 * @see ../shared/formats/TAIGA-FORMATS.md section 2
 */

var Hiscore = (function() {
  function Hiscore(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  Hiscore.prototype._read = function() {
    this.packages = [];
    var i = 0;
    while (!this._io.isEof()) {
      this.packages.push(new Package(this._io, this, this._root));
      i++;
    }
  }

  /**
   * One digitised waveform.
   */

  var Block = Hiscore.Block = (function() {
    function Block(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Block.prototype._read = function() {
      this.offset = this._io.readU2le();
      this.len = this._io.readU2le();
      this.samples = [];
      for (var i = 0; i < this.len; i++) {
        this.samples.push(this._io.readU2le());
      }
    }

    /**
     * Called "offset"; probably the position of the first sample in the digitiser window (open).
     */

    /**
     * Number of 16-bit samples that follow.
     */

    /**
     * Waveform samples.
     */

    return Block;
  })();

  /**
   * One station readout (one event).
   */

  var Package = Hiscore.Package = (function() {
    function Package(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Package.prototype._read = function() {
      this.magic = this._io.readBytes(2);
      if (!((KaitaiStream.byteArrayCompare(this.magic, new Uint8Array([192, 11])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([192, 11]), this.magic, this._io, "/types/package/seq/0");
      }
      this.sz = this._io.readU2le();
      this.eventNumber = this._io.readU4le();
      this.reserved = this._io.readU4le();
      this.time = new TaigaTime_.TaigaTime(this._io, null, null);
      this.ip = this._io.readU2le();
      this.stationNumber = this._io.readU2le();
      this.blocks = [];
      for (var i = 0; i < 9; i++) {
        this.blocks.push(new Block(this._io, this, this._root));
      }
      this.trailer = this._io.readBytes(4);
      if (!((KaitaiStream.byteArrayCompare(this.trailer, new Uint8Array([255, 255, 255, 255])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([255, 255, 255, 255]), this.trailer, this._io, "/types/package/seq/8");
      }
    }

    /**
     * Package signature C0 0B (u16le 3008).
     */

    /**
     * Package size. By analogy with IACT and Grande most likely the bytes
     * after the 24-byte header including the trailer, i.e.
     * sum(4 + 2*len) + 4; unverified (open question 6). This parser walks
     * the blocks by their own lengths; the fast reader uses sz to find
     * package boundaries and reports a package whose blocks disagree.
     */

    /**
     * Event counter.
     */

    /**
     * Called "reserved" (earliest spec "stop_position"); meaning open, exposed raw.
     */

    /**
     * Time of day of the trigger, 8-byte TAIGA stamp.
     */

    /**
     * Called "ip"; presumably the network address suffix of the station DAQ (open).
     */

    /**
     * Station number.
     */

    /**
     * Exactly 9 waveform blocks (whether always 9 is open question 7).
     */

    /**
     * End-of-package marker FF FF FF FF.
     */

    return Package;
  })();

  /**
   * Packages until end of file.
   */

  return Hiscore;
})();
Hiscore_.Hiscore = Hiscore;
});
