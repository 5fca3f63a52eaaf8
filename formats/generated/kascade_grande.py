# Generated from formats/specs/kascade_grande.ksy by kaitai-struct-compiler 0.11.0.
# Do not edit: change the spec and regenerate with
#   node formats/compile.js  (after: npm ci --prefix formats)
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class KascadeGrande(KaitaiStruct):
    """A raw event format for KASCADE-Grande air-shower events, designed by this
    data centre (the experiment's own DAQ format is not public) so that the
    demo simulation can write raw data and the ingest path reads it like real
    detector output. Design decisions:
    
    * A 32-byte file header carries a magic number, a format version, the
      header and record sizes, the station count, the run number and the run
      start, protected by its own CRC-32. A reader can decide from the first
      32 bytes whether and how it can read the file.
    * Every record has the same length (record_size from the header), so a
      reader finds record i at header_size + i * record_size without scanning,
      and a vectorised reader maps the whole file as one array.
    * Every record starts with the sync word "KG" and repeats record_size, so a
      reader can resynchronise after damage by searching for the sync word.
    * Every record carries a CRC-32 (ISO-HDLC polynomial, as zlib.crc32) of its
      bytes from offset 8 to its end, so a single flipped bit is detected and
      localised to one record. The CRC sits at a fixed offset near the start
      so that later versions can append fields at the end of the record (with a
      larger record_size) without moving it; readers of version 1 skip the
      extra bytes.
    * Times are absolute: UTC seconds since 1970-01-01 plus nanoseconds, so
      unlike the TAIGA formats no date has to come from elsewhere.
    * Atmospheric conditions of the site weather station are stored with each
      event, in fixed-point integers.
    * Per-station data is a fixed array of n_stations entries (37 Grande
      stations); stations without a signal have adc 0 and status bit 0 clear.
    All integers are little-endian; all reserved fields are written as zero.
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(KascadeGrande, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.header = KascadeGrande.FileHeader(self._io, self, self._root)
        self._raw_records = []
        self.records = []
        i = 0
        while not self._io.is_eof():
            self._raw_records.append(self._io.read_bytes(self.header.record_size))
            _io__raw_records = KaitaiStream(BytesIO(self._raw_records[-1]))
            self.records.append(KascadeGrande.Record(_io__raw_records, self, self._root))
            i += 1



    def _fetch_instances(self):
        pass
        self.header._fetch_instances()
        for i in range(len(self.records)):
            pass
            self.records[i]._fetch_instances()


    class FileHeader(KaitaiStruct):
        """The 32-byte file header (version 1)."""
        def __init__(self, _io, _parent=None, _root=None):
            super(KascadeGrande.FileHeader, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.magic = self._io.read_bytes(8)
            if not self.magic == b"\x4B\x47\x52\x41\x57\x0D\x0A\x1A":
                raise kaitaistruct.ValidationNotEqualError(b"\x4B\x47\x52\x41\x57\x0D\x0A\x1A", self.magic, self._io, u"/types/file_header/seq/0")
            self.version = self._io.read_u2le()
            if not self.version == 1:
                raise kaitaistruct.ValidationNotEqualError(1, self.version, self._io, u"/types/file_header/seq/1")
            self.header_size = self._io.read_u2le()
            if not self.header_size == 32:
                raise kaitaistruct.ValidationNotEqualError(32, self.header_size, self._io, u"/types/file_header/seq/2")
            self.record_size = self._io.read_u2le()
            self.n_stations = self._io.read_u2le()
            self.run_number = self._io.read_u4le()
            self.run_start = self._io.read_u4le()
            self.reserved = self._io.read_u4le()
            self.header_crc32 = self._io.read_u4le()


        def _fetch_instances(self):
            pass


    class Record(KaitaiStruct):
        """One air-shower event (32 + 8 * n_stations bytes in version 1)."""
        def __init__(self, _io, _parent=None, _root=None):
            super(KascadeGrande.Record, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.sync = self._io.read_bytes(2)
            if not self.sync == b"\x4B\x47":
                raise kaitaistruct.ValidationNotEqualError(b"\x4B\x47", self.sync, self._io, u"/types/record/seq/0")
            self.record_size = self._io.read_u2le()
            if not self.record_size == self._root.header.record_size:
                raise kaitaistruct.ValidationNotEqualError(self._root.header.record_size, self.record_size, self._io, u"/types/record/seq/1")
            self.crc32 = self._io.read_u4le()
            self.event_number = self._io.read_u4le()
            self.unix_seconds = self._io.read_u4le()
            self.nanoseconds = self._io.read_u4le()
            self.trigger_flags = self._io.read_u2le()
            self.n_hit = self._io.read_u2le()
            self.pressure = self._io.read_u2le()
            self.temperature = self._io.read_s2le()
            self.humidity = self._io.read_u2le()
            self.reserved = self._io.read_u2le()
            self.stations = []
            for i in range(self._root.header.n_stations):
                self.stations.append(KascadeGrande.Station(self._io, self, self._root))



        def _fetch_instances(self):
            pass
            for i in range(len(self.stations)):
                pass
                self.stations[i]._fetch_instances()



    class Station(KaitaiStruct):
        """Signal of one Grande scintillator station (8 bytes)."""
        def __init__(self, _io, _parent=None, _root=None):
            super(KascadeGrande.Station, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.adc = self._io.read_u2le()
            self.status = self._io.read_u2le()
            self.arrival_time = self._io.read_s4le()


        def _fetch_instances(self):
            pass



