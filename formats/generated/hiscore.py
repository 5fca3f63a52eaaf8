# Generated from formats/specs/hiscore.ksy by kaitai-struct-compiler 0.11.0.
# Do not edit: change the spec and regenerate with
#   node formats/compile.js  (after: npm ci --prefix formats)
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from . import taiga_time


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class Hiscore(KaitaiStruct):
    """Raw data of a TAIGA-HiSCORE wide-angle timing station. A file has no header:
    it is a sequence of variable-length packages until end of file; all integers
    are little-endian. No real sample was available, so every field here is as
    the original specification states it and unverified on real bytes.
    A package is 24 header bytes, exactly 9 waveform blocks of 4 + 2*len bytes
    each, and the FF FF FF FF trailer. The packages carry only a time of day,
    no date (open question 1 of TAIGA-FORMATS.md).
    
    .. seealso::
       ../shared/formats/TAIGA-FORMATS.md section 2
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(Hiscore, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.packages = []
        i = 0
        while not self._io.is_eof():
            self.packages.append(Hiscore.Package(self._io, self, self._root))
            i += 1



    def _fetch_instances(self):
        pass
        for i in range(len(self.packages)):
            pass
            self.packages[i]._fetch_instances()


    class Block(KaitaiStruct):
        """One digitised waveform."""
        def __init__(self, _io, _parent=None, _root=None):
            super(Hiscore.Block, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.offset = self._io.read_u2le()
            self.len = self._io.read_u2le()
            self.samples = []
            for i in range(self.len):
                self.samples.append(self._io.read_u2le())



        def _fetch_instances(self):
            pass
            for i in range(len(self.samples)):
                pass



    class Package(KaitaiStruct):
        """One station readout (one event)."""
        def __init__(self, _io, _parent=None, _root=None):
            super(Hiscore.Package, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.magic = self._io.read_bytes(2)
            if not self.magic == b"\xC0\x0B":
                raise kaitaistruct.ValidationNotEqualError(b"\xC0\x0B", self.magic, self._io, u"/types/package/seq/0")
            self.sz = self._io.read_u2le()
            self.event_number = self._io.read_u4le()
            self.reserved = self._io.read_u4le()
            self.time = taiga_time.TaigaTime(self._io)
            self.ip = self._io.read_u2le()
            self.station_number = self._io.read_u2le()
            self.blocks = []
            for i in range(9):
                self.blocks.append(Hiscore.Block(self._io, self, self._root))

            self.trailer = self._io.read_bytes(4)
            if not self.trailer == b"\xFF\xFF\xFF\xFF":
                raise kaitaistruct.ValidationNotEqualError(b"\xFF\xFF\xFF\xFF", self.trailer, self._io, u"/types/package/seq/8")


        def _fetch_instances(self):
            pass
            self.time._fetch_instances()
            for i in range(len(self.blocks)):
                pass
                self.blocks[i]._fetch_instances()




