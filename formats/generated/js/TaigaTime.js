// Generated from formats/specs/taiga_time.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'));
  } else {
    factory(root.TaigaTime || (root.TaigaTime = {}), root.KaitaiStream);
  }
})(typeof self !== 'undefined' ? self : this, function (TaigaTime_, KaitaiStream) {
/**
 * The 8-byte time stamp shared by the TAIGA-IACT, TAIGA-HiSCORE and Tunka-Grande
 * packages and by the additional-info block of Tunka-133 and Tunka-Rex links.
 * It is four consecutive little-endian 16-bit words W0..W3; read as one unsigned
 * 64-bit little-endian integer T, the fields are plain bit ranges of T
 * (bit 0 = least significant): tens of ns bits 0-6, microseconds 7-16,
 * milliseconds 17-26, seconds 27-32, minutes 33-38, hours 39-43.
 * The fields are decoded from the 16-bit words (not from a 64-bit integer) so
 * that readers in languages without exact 64-bit integers (JavaScript) agree.
 * Open questions (TAIGA-FORMATS.md section 6): the time scale (UTC, local
 * UTC+8 or GPS) is not stated, the stamp carries no date (the date must come
 * from the file name or run log), and bits 44-63 (W2 bits 12-15 and all of W3)
 * have no documented meaning; readers expose them raw as `high_bits` and
 * `flags` and never interpret them.
 */

var TaigaTime = (function() {
  function TaigaTime(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  TaigaTime.prototype._read = function() {
    this.w0 = this._io.readU2le();
    this.w1 = this._io.readU2le();
    this.w2 = this._io.readU2le();
    this.flags = this._io.readU2le();
  }

  /**
   * W2 bits 12-15, undocumented; 0 in every sample. Exposed raw.
   */
  Object.defineProperty(TaigaTime.prototype, 'highBits', {
    get: function() {
      if (this._m_highBits !== undefined)
        return this._m_highBits;
      this._m_highBits = this.w2 >>> 12;
      return this._m_highBits;
    }
  });

  /**
   * Hours, 0-23.
   */
  Object.defineProperty(TaigaTime.prototype, 'hours', {
    get: function() {
      if (this._m_hours !== undefined)
        return this._m_hours;
      this._m_hours = this.w2 >>> 7 & 31;
      return this._m_hours;
    }
  });

  /**
   * Microseconds, 0-999; straddles W0/W1.
   */
  Object.defineProperty(TaigaTime.prototype, 'microseconds', {
    get: function() {
      if (this._m_microseconds !== undefined)
        return this._m_microseconds;
      this._m_microseconds = this.w0 >>> 7 | (this.w1 & 1) << 9;
      return this._m_microseconds;
    }
  });

  /**
   * Milliseconds, 0-999.
   */
  Object.defineProperty(TaigaTime.prototype, 'milliseconds', {
    get: function() {
      if (this._m_milliseconds !== undefined)
        return this._m_milliseconds;
      this._m_milliseconds = this.w1 >>> 1 & 1023;
      return this._m_milliseconds;
    }
  });

  /**
   * Minutes, 0-59.
   */
  Object.defineProperty(TaigaTime.prototype, 'minutes', {
    get: function() {
      if (this._m_minutes !== undefined)
        return this._m_minutes;
      this._m_minutes = this.w2 >>> 1 & 63;
      return this._m_minutes;
    }
  });

  /**
   * Seconds, 0-59; straddles W1/W2.
   */
  Object.defineProperty(TaigaTime.prototype, 'seconds', {
    get: function() {
      if (this._m_seconds !== undefined)
        return this._m_seconds;
      this._m_seconds = this.w1 >>> 11 | (this.w2 & 1) << 5;
      return this._m_seconds;
    }
  });

  /**
   * Tens of nanoseconds, 0-99 (multiply by 10 for ns).
   */
  Object.defineProperty(TaigaTime.prototype, 'tensOfNs', {
    get: function() {
      if (this._m_tensOfNs !== undefined)
        return this._m_tensOfNs;
      this._m_tensOfNs = this.w0 & 127;
      return this._m_tensOfNs;
    }
  });

  /**
   * Word 0. Bits 0-6 tens of nanoseconds, bits 7-15 microseconds bits 0-8.
   */

  /**
   * Word 1. Bit 0 microseconds bit 9, bits 1-10 milliseconds, bits 11-15 seconds bits 0-4.
   */

  /**
   * Word 2. Bit 0 seconds bit 5, bits 1-6 minutes, bits 7-11 hours, bits 12-15 undocumented (see high_bits).
   */

  /**
   * Word 3, undocumented. Zero in the Tunka-133, Tunka-Grande and Tunka-Rex
   * samples; 0x8000, 0x8800 or 0x0800 in the IACT sample. Meaning open
   * (flags or fine time?); exposed raw.
   */

  return TaigaTime;
})();
TaigaTime_.TaigaTime = TaigaTime;
});
