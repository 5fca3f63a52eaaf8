# Generated from formats/specs/iact.ksy by kaitai-struct-compiler 0.11.0.
# Do not edit: change the spec and regenerate with
#   node formats/compile.js  (after: npm ci --prefix formats)
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from . import taiga_time


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class Iact(KaitaiStruct):
    """Raw data of a TAIGA-IACT Cherenkov-telescope camera (MAROC-based boards).
    A file has no header: it is a sequence of fixed-length 156-byte packages
    (32 channels each) until end of file; all integers are little-endian.
    Verified byte for byte against the real sample `iact` (2995 packages).
    The packages carry only a time of day, no date: the date must come from the
    file name or run log (open question 1 of TAIGA-FORMATS.md).
    
    .. seealso::
       ../shared/formats/TAIGA-FORMATS.md section 1
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(Iact, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.packages = []
        i = 0
        while not self._io.is_eof():
            self.packages.append(Iact.Package(self._io, self, self._root))
            i += 1



    def _fetch_instances(self):
        pass
        for i in range(len(self.packages)):
            pass
            self.packages[i]._fetch_instances()


    class Channel(KaitaiStruct):
        """Two amplitude readings of one pixel (most likely high and low gain; open)."""
        def __init__(self, _io, _parent=None, _root=None):
            super(Iact.Channel, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.big = self._io.read_u2le()
            self.small = self._io.read_u2le()


        def _fetch_instances(self):
            pass


    class Package(KaitaiStruct):
        """One camera readout (one event), 156 bytes."""
        def __init__(self, _io, _parent=None, _root=None):
            super(Iact.Package, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.magic = self._io.read_bytes(2)
            if not self.magic == b"\xD8\x0B":
                raise kaitaistruct.ValidationNotEqualError(b"\xD8\x0B", self.magic, self._io, u"/types/package/seq/0")
            self.size = self._io.read_u2le()
            self.event_number = self._io.read_u4le()
            self.reserved = self._io.read_u4le()
            self.time = taiga_time.TaigaTime(self._io)
            self.maroc_word = self._io.read_u4le()
            self.channels = []
            for i in range(32):
                self.channels.append(Iact.Channel(self._io, self, self._root))

            self.trailer = self._io.read_bytes(4)
            if not self.trailer == b"\xFF\xFF\xFF\xFF":
                raise kaitaistruct.ValidationNotEqualError(b"\xFF\xFF\xFF\xFF", self.trailer, self._io, u"/types/package/seq/7")


        def _fetch_instances(self):
            pass
            self.time._fetch_instances()
            for i in range(len(self.channels)):
                pass
                self.channels[i]._fetch_instances()




