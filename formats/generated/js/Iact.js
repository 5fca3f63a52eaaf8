// Generated from formats/specs/iact.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream', './TaigaTime'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'), require('./TaigaTime'));
  } else {
    factory(root.Iact || (root.Iact = {}), root.KaitaiStream, root.TaigaTime || (root.TaigaTime = {}));
  }
})(typeof self !== 'undefined' ? self : this, function (Iact_, KaitaiStream, TaigaTime_) {
/**
 * Raw data of a TAIGA-IACT Cherenkov-telescope camera (MAROC-based boards).
 * A file has no header: it is a sequence of fixed-length 156-byte packages
 * (32 channels each) until end of file; all integers are little-endian.
 * Verified byte for byte against the real sample `iact` (2995 packages).
 * The packages carry only a time of day, no date: the date must come from the
 * file name or run log (open question 1 of TAIGA-FORMATS.md).
 * @see ../shared/formats/TAIGA-FORMATS.md section 1
 */

var Iact = (function() {
  function Iact(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  Iact.prototype._read = function() {
    this.packages = [];
    var i = 0;
    while (!this._io.isEof()) {
      this.packages.push(new Package(this._io, this, this._root));
      i++;
    }
  }

  /**
   * Two amplitude readings of one pixel (most likely high and low gain; open).
   */

  var Channel = Iact.Channel = (function() {
    function Channel(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Channel.prototype._read = function() {
      this.big = this._io.readU2le();
      this.small = this._io.readU2le();
    }

    /**
     * First reading ("big"); 632-8249 in the sample, so wider than 12 bits.
     */

    /**
     * Second reading ("small"); 572-1848 in the sample.
     */

    return Channel;
  })();

  /**
   * One camera readout (one event), 156 bytes.
   */

  var Package = Iact.Package = (function() {
    function Package(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Package.prototype._read = function() {
      this.magic = this._io.readBytes(2);
      if (!((KaitaiStream.byteArrayCompare(this.magic, new Uint8Array([216, 11])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([216, 11]), this.magic, this._io, "/types/package/seq/0");
      }
      this.size = this._io.readU2le();
      this.eventNumber = this._io.readU4le();
      this.reserved = this._io.readU4le();
      this.time = new TaigaTime_.TaigaTime(this._io, null, null);
      this.marocWord = this._io.readU4le();
      this.channels = [];
      for (var i = 0; i < 32; i++) {
        this.channels.push(new Channel(this._io, this, this._root));
      }
      this.trailer = this._io.readBytes(4);
      if (!((KaitaiStream.byteArrayCompare(this.trailer, new Uint8Array([255, 255, 255, 255])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([255, 255, 255, 255]), this.trailer, this._io, "/types/package/seq/7");
      }
    }

    /**
     * Package signature D8 0B (u16le 3032, the same value as the Grande link1 data type).
     */

    /**
     * Bytes after the 24-byte header including the 4-byte trailer; 132 for
     * 32 channels (verified in the sample). The layout here is fixed at 32
     * channels, so the fast reader reports any other value as impossible.
     */

    /**
     * Trigger/event counter; increasing but not contiguous in the sample.
     */

    /**
     * Called "reserved" (earliest spec: "stop_position"). Non-zero in the
     * sample, behaving like a free-running 32-bit counter (about 1.31e8
     * counts per second, with wraps). Meaning open; exposed raw.
     */

    /**
     * Time of day of the trigger, 8-byte TAIGA stamp.
     */

    /**
     * MAROC (board/chip) structure: the spec says the first 5 bits are the
     * MAROC number and the other 27 bits are unused, but which 5 bits (bit
     * order) is open and every sample value is 0; exposed raw as a u32le.
     */

    /**
     * The 32 channel readings, channel index = position 0..31.
     */

    /**
     * End-of-package marker FF FF FF FF.
     */

    return Package;
  })();

  /**
   * Packages until end of file.
   */

  return Iact;
})();
Iact_.Iact = Iact;
});
