// Generated from formats/specs/tunka_link.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream', './TaigaTime'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'), require('./TaigaTime'));
  } else {
    factory(root.TunkaLink || (root.TunkaLink = {}), root.KaitaiStream, root.TaigaTime || (root.TaigaTime = {}));
  }
})(typeof self !== 'undefined' ? self : this, function (TunkaLink_, KaitaiStream, TaigaTime_) {
/**
 * One "link" record of the Tunka optical-link files: n_packages digitiser
 * packages followed by one additional-info block. Tunka-133 links hold 32
 * packages, Tunka-Rex links 4; otherwise the formats are identical. Every
 * package and the info block start with the same 15-byte header.
 * Layout verified on the real samples `t133` (119 links) and `trex` (28 links),
 * with the fixed layout of the source repository commit 73bb1b0 (the 14-byte
 * host-clock trailer only in the info block).
 * @see ../shared/formats/TAIGA-FORMATS.md sections 3 and 5
 */

var TunkaLink = (function() {
  function TunkaLink(_io, _parent, _root, nPackages) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;
    this.nPackages = nPackages;

    this._read();
  }
  TunkaLink.prototype._read = function() {
    this.packages = [];
    for (var i = 0; i < this.nPackages; i++) {
      this.packages.push(new Package(this._io, this, this._root));
    }
    this.info = new InfoBlock(this._io, this, this._root);
  }

  /**
   * The 15-byte header of every package and info block.
   */

  var Header = TunkaLink.Header = (function() {
    function Header(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Header.prototype._read = function() {
      this.magic = this._io.readBytes(3);
      if (!((KaitaiStream.byteArrayCompare(this.magic, new Uint8Array([255, 255, 160])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([255, 255, 160]), this.magic, this._io, "/types/header/seq/0");
      }
      this.status = this._io.readU1();
      this.packageSize = this._io.readU2le();
      this.requestAddress = this._io.readU1();
      this.eventNumber = this._io.readU4le();
      this.vmeAddress = this._io.readU4le();
    }

    /**
     * Signature FF FF followed by the transfer attribute A0.
     */

    /**
     * Status byte; 0 in every sample header, meaning open.
     */

    /**
     * Bytes from header offset 6 to the end of the data words,
     * i.e. 9 + 2 * number of words (1033 for packages, 17 for info blocks
     * in the samples). Must be odd and at least 9; the fast reader reports
     * other values as impossible.
     */

    /**
     * Request address; 1 or 2 in the samples, meaning open.
     */

    /**
     * Per-package counter: the packages of one link carry consecutive
     * numbers and the info block the next one; gaps between links suggest a
     * counter shared with other links (open).
     */

    /**
     * VME address of the digitiser channel or board.
     */

    return Header;
  })();

  /**
   * Additional-info block, package_size + 21 bytes. Its data words are, in
   * both samples, exactly 4 words forming an 8-byte TAIGA time stamp: the
   * precise event time. Any further words (none seen) are kept raw.
   */

  var InfoBlock = TunkaLink.InfoBlock = (function() {
    function InfoBlock(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    InfoBlock.prototype._read = function() {
      this.header = new Header(this._io, this, this._root);
      this.time = new TaigaTime_.TaigaTime(this._io, null, null);
      this.extraWords = [];
      for (var i = 0; i < Math.floor((this.header.packageSize - 17) / 2); i++) {
        this.extraWords.push(this._io.readU2le());
      }
      this.clusterNumber = this._io.readU1();
      this.hostHours = this._io.readU2le();
      this.hostMinutes = this._io.readU2le();
      this.hostSeconds = this._io.readU2le();
      this.hostMilliseconds = this._io.readU2le();
      this.opticalLineLength = this._io.readU2le();
      this.eventNumber = this._io.readU4le();
    }

    /**
     * Common header (package_size 17 in the samples).
     */

    /**
     * Precise event time of day (the first 4 data words).
     */

    /**
     * Data words after the time stamp; none in the samples.
     */

    /**
     * Cluster number.
     */

    /**
     * Hours of a coarse second clock (probably the host computer). It is not
     * the clock of the precise stamp: in the samples it lags or steps in
     * one-minute increments and its milliseconds are not monotonic (open).
     */

    /**
     * Minutes of the coarse clock.
     */

    /**
     * Seconds of the coarse clock.
     */

    /**
     * Milliseconds of the coarse clock.
     */

    /**
     * Optical line (cable) length; 500 in t133, 1640 in trex; probably metres (open).
     */

    /**
     * Link-level event number (1, 2, ..., 119 consecutive in the t133 sample).
     */

    return InfoBlock;
  })();

  /**
   * One digitiser package, package_size + 7 bytes.
   */

  var Package = TunkaLink.Package = (function() {
    function Package(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Package.prototype._read = function() {
      this.header = new Header(this._io, this, this._root);
      this.words = [];
      for (var i = 0; i < Math.floor((this.header.packageSize - 9) / 2); i++) {
        this.words.push(this._io.readU2le());
      }
      this.clusterNumber = this._io.readU1();
    }

    /**
     * Common header.
     */

    /**
     * Digitised samples (12-bit ADC centred near 2048 in the samples).
     */

    /**
     * Cluster number (1 in the t133 sample, 3 in the trex sample).
     */

    return Package;
  })();

  /**
   * The digitiser packages of this link.
   */

  /**
   * Additional-info block closing the link.
   */

  /**
   * Packages per link (32 for Tunka-133, 4 for Tunka-Rex).
   */

  return TunkaLink;
})();
TunkaLink_.TunkaLink = TunkaLink;
});
