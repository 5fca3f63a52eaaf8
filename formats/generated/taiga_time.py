# Generated from formats/specs/taiga_time.ksy by kaitai-struct-compiler 0.11.0.
# Do not edit: change the spec and regenerate with
#   node formats/compile.js  (after: npm ci --prefix formats)
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class TaigaTime(KaitaiStruct):
    """The 8-byte time stamp shared by the TAIGA-IACT, TAIGA-HiSCORE and Tunka-Grande
    packages and by the additional-info block of Tunka-133 and Tunka-Rex links.
    It is four consecutive little-endian 16-bit words W0..W3; read as one unsigned
    64-bit little-endian integer T, the fields are plain bit ranges of T
    (bit 0 = least significant): tens of ns bits 0-6, microseconds 7-16,
    milliseconds 17-26, seconds 27-32, minutes 33-38, hours 39-43.
    The fields are decoded from the 16-bit words (not from a 64-bit integer) so
    that readers in languages without exact 64-bit integers (JavaScript) agree.
    Open questions (TAIGA-FORMATS.md section 6): the time scale (UTC, local
    UTC+8 or GPS) is not stated, the stamp carries no date (the date must come
    from the file name or run log), and bits 44-63 (W2 bits 12-15 and all of W3)
    have no documented meaning; readers expose them raw as `high_bits` and
    `flags` and never interpret them.
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(TaigaTime, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.w0 = self._io.read_u2le()
        self.w1 = self._io.read_u2le()
        self.w2 = self._io.read_u2le()
        self.flags = self._io.read_u2le()


    def _fetch_instances(self):
        pass

    @property
    def high_bits(self):
        """W2 bits 12-15, undocumented; 0 in every sample. Exposed raw."""
        if hasattr(self, '_m_high_bits'):
            return self._m_high_bits

        self._m_high_bits = self.w2 >> 12
        return getattr(self, '_m_high_bits', None)

    @property
    def hours(self):
        """Hours, 0-23."""
        if hasattr(self, '_m_hours'):
            return self._m_hours

        self._m_hours = self.w2 >> 7 & 31
        return getattr(self, '_m_hours', None)

    @property
    def microseconds(self):
        """Microseconds, 0-999; straddles W0/W1."""
        if hasattr(self, '_m_microseconds'):
            return self._m_microseconds

        self._m_microseconds = self.w0 >> 7 | (self.w1 & 1) << 9
        return getattr(self, '_m_microseconds', None)

    @property
    def milliseconds(self):
        """Milliseconds, 0-999."""
        if hasattr(self, '_m_milliseconds'):
            return self._m_milliseconds

        self._m_milliseconds = self.w1 >> 1 & 1023
        return getattr(self, '_m_milliseconds', None)

    @property
    def minutes(self):
        """Minutes, 0-59."""
        if hasattr(self, '_m_minutes'):
            return self._m_minutes

        self._m_minutes = self.w2 >> 1 & 63
        return getattr(self, '_m_minutes', None)

    @property
    def seconds(self):
        """Seconds, 0-59; straddles W1/W2."""
        if hasattr(self, '_m_seconds'):
            return self._m_seconds

        self._m_seconds = self.w1 >> 11 | (self.w2 & 1) << 5
        return getattr(self, '_m_seconds', None)

    @property
    def tens_of_ns(self):
        """Tens of nanoseconds, 0-99 (multiply by 10 for ns)."""
        if hasattr(self, '_m_tens_of_ns'):
            return self._m_tens_of_ns

        self._m_tens_of_ns = self.w0 & 127
        return getattr(self, '_m_tens_of_ns', None)


