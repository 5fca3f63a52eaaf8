// Generated from formats/specs/grande.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream', './TaigaTime'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'), require('./TaigaTime'));
  } else {
    factory(root.Grande || (root.Grande = {}), root.KaitaiStream, root.TaigaTime || (root.TaigaTime = {}));
  }
})(typeof self !== 'undefined' ? self : this, function (Grande_, KaitaiStream, TaigaTime_) {
/**
 * Raw data of the Tunka-Grande scintillator array. A file has no header: it is
 * a sequence of variable-length packages until end of file (two packages per
 * event in the sample); all integers are little-endian. Verified byte for byte
 * against the real sample `grande` (238 packages, events 1-119, the same
 * events as the Tunka-133 sample `t133`). Times of day only, no date.
 * @see ../shared/formats/TAIGA-FORMATS.md section 4
 */

var Grande = (function() {
  function Grande(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  Grande.prototype._read = function() {
    this.packages = [];
    var i = 0;
    while (!this._io.isEof()) {
      this.packages.push(new Package(this._io, this, this._root));
      i++;
    }
  }

  /**
   * One digitiser channel, 8 + 2*data_count bytes.
   */

  var ChannelBlock = Grande.ChannelBlock = (function() {
    function ChannelBlock(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    ChannelBlock.prototype._read = function() {
      this.vmeAddress = this._io.readU4le();
      this.dataCount = this._io.readU2le();
      this.channelInfo = this._io.readU2le();
      this.samples = [];
      for (var i = 0; i < this.dataCount; i++) {
        this.samples.push(this._io.readU2le());
      }
    }

    /**
     * VME address of the digitiser channel (0x80080000 ... 0x800E4800 in the sample).
     */

    /**
     * Number of 16-bit samples that follow (1024 in the sample).
     */

    /**
     * Channel information, exposed raw as u16le. The original spec splits it
     * into big-endian bit fields (4-bit channel, 1-bit bank, 2-bit link,
     * 9 reserved), but in the sample the low byte counts 0..15 over the 16
     * blocks of an event and the high byte is 0, which contradicts that bit
     * order (open question 9).
     */

    /**
     * Digitised samples (1950-8191 in the sample).
     */

    return ChannelBlock;
  })();

  /**
   * One cluster readout, 24-byte header, 8 channel blocks, trailer.
   */

  var Package = Grande.Package = (function() {
    function Package(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Package.prototype._read = function() {
      this.dataType = this._io.readU2le();
      if (!(this.dataType >= 3032)) {
        throw new KaitaiStream.ValidationLessThanError(3032, this.dataType, this._io, "/types/package/seq/0");
      }
      if (!(this.dataType <= 3035)) {
        throw new KaitaiStream.ValidationGreaterThanError(3035, this.dataType, this._io, "/types/package/seq/0");
      }
      this.packageSize = this._io.readU2le();
      this.eventNumber = this._io.readU4le();
      this.errorCount = this._io.readU4le();
      this.time = new TaigaTime_.TaigaTime(this._io, null, null);
      this.clusterNumber = this._io.readU1();
      this.reserved = this._io.readU1();
      this.opticalLineLengthRaw = this._io.readU2le();
      this.channels = [];
      for (var i = 0; i < 8; i++) {
        this.channels.push(new ChannelBlock(this._io, this, this._root));
      }
      this.trailer = this._io.readBytes(4);
      if (!((KaitaiStream.byteArrayCompare(this.trailer, new Uint8Array([255, 255, 255, 255])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([255, 255, 255, 255]), this.trailer, this._io, "/types/package/seq/9");
      }
    }

    /**
     * Link number as data type, 3032 = link1, 3033 = link2, 3034 = link3, 3035 = link4; also the package signature.
     */

    /**
     * Bytes after the 24-byte header including the trailer (16452 in the sample); the fast reader checks it against the blocks.
     */

    /**
     * Event number; two packages per event in the sample.
     */

    /**
     * Error counter; 0 in the sample.
     */

    /**
     * Time of day of the event, 8-byte TAIGA stamp.
     */

    /**
     * Cluster number (31 in the sample).
     */

    /**
     * Reserved byte, 0 in the sample.
     */

    /**
     * Optical line length, exposed raw as u16le (bytes 43 00 in the sample
     * read as 67). The original spec declares a big-endian bit field, which
     * would read the same bytes as 0x4300; which is meant is open question 9.
     */

    /**
     * Exactly 8 channel blocks.
     */

    /**
     * End-of-package marker FF FF FF FF.
     */

    return Package;
  })();

  /**
   * Packages until end of file.
   */

  return Grande;
})();
Grande_.Grande = Grande;
});
