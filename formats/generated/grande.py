# Generated from formats/specs/grande.ksy by kaitai-struct-compiler 0.11.0.
# Do not edit: change the spec and regenerate with
#   node formats/compile.js  (after: npm ci --prefix formats)
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from . import taiga_time


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class Grande(KaitaiStruct):
    """Raw data of the Tunka-Grande scintillator array. A file has no header: it is
    a sequence of variable-length packages until end of file (two packages per
    event in the sample); all integers are little-endian. Verified byte for byte
    against the real sample `grande` (238 packages, events 1-119, the same
    events as the Tunka-133 sample `t133`). Times of day only, no date.
    
    .. seealso::
       ../shared/formats/TAIGA-FORMATS.md section 4
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(Grande, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.packages = []
        i = 0
        while not self._io.is_eof():
            self.packages.append(Grande.Package(self._io, self, self._root))
            i += 1



    def _fetch_instances(self):
        pass
        for i in range(len(self.packages)):
            pass
            self.packages[i]._fetch_instances()


    class ChannelBlock(KaitaiStruct):
        """One digitiser channel, 8 + 2*data_count bytes."""
        def __init__(self, _io, _parent=None, _root=None):
            super(Grande.ChannelBlock, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.vme_address = self._io.read_u4le()
            self.data_count = self._io.read_u2le()
            self.channel_info = self._io.read_u2le()
            self.samples = []
            for i in range(self.data_count):
                self.samples.append(self._io.read_u2le())



        def _fetch_instances(self):
            pass
            for i in range(len(self.samples)):
                pass



    class Package(KaitaiStruct):
        """One cluster readout, 24-byte header, 8 channel blocks, trailer."""
        def __init__(self, _io, _parent=None, _root=None):
            super(Grande.Package, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.data_type = self._io.read_u2le()
            if not self.data_type >= 3032:
                raise kaitaistruct.ValidationLessThanError(3032, self.data_type, self._io, u"/types/package/seq/0")
            if not self.data_type <= 3035:
                raise kaitaistruct.ValidationGreaterThanError(3035, self.data_type, self._io, u"/types/package/seq/0")
            self.package_size = self._io.read_u2le()
            self.event_number = self._io.read_u4le()
            self.error_count = self._io.read_u4le()
            self.time = taiga_time.TaigaTime(self._io)
            self.cluster_number = self._io.read_u1()
            self.reserved = self._io.read_u1()
            self.optical_line_length_raw = self._io.read_u2le()
            self.channels = []
            for i in range(8):
                self.channels.append(Grande.ChannelBlock(self._io, self, self._root))

            self.trailer = self._io.read_bytes(4)
            if not self.trailer == b"\xFF\xFF\xFF\xFF":
                raise kaitaistruct.ValidationNotEqualError(b"\xFF\xFF\xFF\xFF", self.trailer, self._io, u"/types/package/seq/9")


        def _fetch_instances(self):
            pass
            self.time._fetch_instances()
            for i in range(len(self.channels)):
                pass
                self.channels[i]._fetch_instances()




