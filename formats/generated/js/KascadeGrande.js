// Generated from formats/specs/kascade_grande.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'));
  } else {
    factory(root.KascadeGrande || (root.KascadeGrande = {}), root.KaitaiStream);
  }
})(typeof self !== 'undefined' ? self : this, function (KascadeGrande_, KaitaiStream) {
/**
 * A raw event format for KASCADE-Grande air-shower events, designed by this
 * data centre (the experiment's own DAQ format is not public) so that the
 * demo simulation can write raw data and the ingest path reads it like real
 * detector output. Design decisions:
 * 
 * * A 32-byte file header carries a magic number, a format version, the
 *   header and record sizes, the station count, the run number and the run
 *   start, protected by its own CRC-32. A reader can decide from the first
 *   32 bytes whether and how it can read the file.
 * * Every record has the same length (record_size from the header), so a
 *   reader finds record i at header_size + i * record_size without scanning,
 *   and a vectorised reader maps the whole file as one array.
 * * Every record starts with the sync word "KG" and repeats record_size, so a
 *   reader can resynchronise after damage by searching for the sync word.
 * * Every record carries a CRC-32 (ISO-HDLC polynomial, as zlib.crc32) of its
 *   bytes from offset 8 to its end, so a single flipped bit is detected and
 *   localised to one record. The CRC sits at a fixed offset near the start
 *   so that later versions can append fields at the end of the record (with a
 *   larger record_size) without moving it; readers of version 1 skip the
 *   extra bytes.
 * * Times are absolute: UTC seconds since 1970-01-01 plus nanoseconds, so
 *   unlike the TAIGA formats no date has to come from elsewhere.
 * * Atmospheric conditions of the site weather station are stored with each
 *   event, in fixed-point integers.
 * * Per-station data is a fixed array of n_stations entries (37 Grande
 *   stations); stations without a signal have adc 0 and status bit 0 clear.
 * All integers are little-endian; all reserved fields are written as zero.
 */

var KascadeGrande = (function() {
  function KascadeGrande(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  KascadeGrande.prototype._read = function() {
    this.header = new FileHeader(this._io, this, this._root);
    this._raw_records = [];
    this.records = [];
    var i = 0;
    while (!this._io.isEof()) {
      this._raw_records.push(this._io.readBytes(this.header.recordSize));
      var _io__raw_records = new KaitaiStream(this._raw_records[this._raw_records.length - 1]);
      this.records.push(new Record(_io__raw_records, this, this._root));
      i++;
    }
  }

  /**
   * The 32-byte file header (version 1).
   */

  var FileHeader = KascadeGrande.FileHeader = (function() {
    function FileHeader(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    FileHeader.prototype._read = function() {
      this.magic = this._io.readBytes(8);
      if (!((KaitaiStream.byteArrayCompare(this.magic, new Uint8Array([75, 71, 82, 65, 87, 13, 10, 26])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([75, 71, 82, 65, 87, 13, 10, 26]), this.magic, this._io, "/types/file_header/seq/0");
      }
      this.version = this._io.readU2le();
      if (!(this.version == 1)) {
        throw new KaitaiStream.ValidationNotEqualError(1, this.version, this._io, "/types/file_header/seq/1");
      }
      this.headerSize = this._io.readU2le();
      if (!(this.headerSize == 32)) {
        throw new KaitaiStream.ValidationNotEqualError(32, this.headerSize, this._io, "/types/file_header/seq/2");
      }
      this.recordSize = this._io.readU2le();
      this.nStations = this._io.readU2le();
      this.runNumber = this._io.readU4le();
      this.runStart = this._io.readU4le();
      this.reserved = this._io.readU4le();
      this.headerCrc32 = this._io.readU4le();
    }

    /**
     * "KGRAW" then CR LF and Ctrl-Z, so that text-mode transfers, which
     * change line ends, break the magic and are detected.
     */

    /**
     * Format version; this specification describes version 1.
     */

    /**
     * Size of this header in bytes (32 in version 1).
     */

    /**
     * Length of every record in bytes; at least 32 + 8 * n_stations
     * (the version-1 fields). Larger values mean appended fields.
     */

    /**
     * Number of station entries in every record (37 for Grande).
     */

    /**
     * DAQ run number.
     */

    /**
     * Run start, UTC seconds since 1970-01-01.
     */

    /**
     * Reserved, written as 0.
     */

    /**
     * CRC-32 (as zlib.crc32) of header bytes 0-27.
     */

    return FileHeader;
  })();

  /**
   * One air-shower event (32 + 8 * n_stations bytes in version 1).
   */

  var Record = KascadeGrande.Record = (function() {
    function Record(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Record.prototype._read = function() {
      this.sync = this._io.readBytes(2);
      if (!((KaitaiStream.byteArrayCompare(this.sync, new Uint8Array([75, 71])) == 0))) {
        throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([75, 71]), this.sync, this._io, "/types/record/seq/0");
      }
      this.recordSize = this._io.readU2le();
      if (!(this.recordSize == this._root.header.recordSize)) {
        throw new KaitaiStream.ValidationNotEqualError(this._root.header.recordSize, this.recordSize, this._io, "/types/record/seq/1");
      }
      this.crc32 = this._io.readU4le();
      this.eventNumber = this._io.readU4le();
      this.unixSeconds = this._io.readU4le();
      this.nanoseconds = this._io.readU4le();
      this.triggerFlags = this._io.readU2le();
      this.nHit = this._io.readU2le();
      this.pressure = this._io.readU2le();
      this.temperature = this._io.readS2le();
      this.humidity = this._io.readU2le();
      this.reserved = this._io.readU2le();
      this.stations = [];
      for (var i = 0; i < this._root.header.nStations; i++) {
        this.stations.push(new Station(this._io, this, this._root));
      }
    }

    /**
     * Record sync word "KG".
     */

    /**
     * Repeats the header's record_size (resynchronisation aid).
     */

    /**
     * CRC-32 (as zlib.crc32) of record bytes 8 to record_size - 1.
     */

    /**
     * Event number, unique within the run.
     */

    /**
     * Event time, UTC seconds since 1970-01-01 (GPS-disciplined clock).
     */

    /**
     * Nanoseconds within the second, 0-999999999.
     */

    /**
     * Trigger sources, bit 0 Grande cluster trigger, bit 1 KASCADE array trigger, other bits 0.
     */

    /**
     * Number of stations with a signal, at most n_stations.
     */

    /**
     * Air pressure at the site, in units of 0.1 hPa.
     */

    /**
     * Air temperature at the site, in units of 0.01 degree Celsius.
     */

    /**
     * Relative humidity, in units of 0.01 percent (0-10000).
     */

    /**
     * Reserved, written as 0.
     */

    /**
     * One entry per station, index = station number - 1.
     */

    return Record;
  })();

  /**
   * Signal of one Grande scintillator station (8 bytes).
   */

  var Station = KascadeGrande.Station = (function() {
    function Station(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Station.prototype._read = function() {
      this.adc = this._io.readU2le();
      this.status = this._io.readU2le();
      this.arrivalTime = this._io.readS4le();
    }

    /**
     * Energy deposit in ADC counts; 0 when the station has no signal.
     */

    /**
     * Bit 0 station hit, bit 1 ADC saturated, other bits 0.
     */

    /**
     * Arrival time of the shower front, units of 0.1 ns, relative to the event time.
     */

    return Station;
  })();

  /**
   * File header.
   */

  /**
   * Fixed-length event records until end of file.
   */

  return KascadeGrande;
})();
KascadeGrande_.KascadeGrande = KascadeGrande;
});
