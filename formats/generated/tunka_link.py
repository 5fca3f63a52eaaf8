# Generated from formats/specs/tunka_link.ksy by kaitai-struct-compiler 0.11.0.
# Do not edit: change the spec and regenerate with
#   node formats/compile.js  (after: npm ci --prefix formats)
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from . import taiga_time


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class TunkaLink(KaitaiStruct):
    """One "link" record of the Tunka optical-link files: n_packages digitiser
    packages followed by one additional-info block. Tunka-133 links hold 32
    packages, Tunka-Rex links 4; otherwise the formats are identical. Every
    package and the info block start with the same 15-byte header.
    Layout verified on the real samples `t133` (119 links) and `trex` (28 links),
    with the fixed layout of the source repository commit 73bb1b0 (the 14-byte
    host-clock trailer only in the info block).
    
    .. seealso::
       ../shared/formats/TAIGA-FORMATS.md sections 3 and 5
    """
    def __init__(self, n_packages, _io, _parent=None, _root=None):
        super(TunkaLink, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self.n_packages = n_packages
        self._read()

    def _read(self):
        self.packages = []
        for i in range(self.n_packages):
            self.packages.append(TunkaLink.Package(self._io, self, self._root))

        self.info = TunkaLink.InfoBlock(self._io, self, self._root)


    def _fetch_instances(self):
        pass
        for i in range(len(self.packages)):
            pass
            self.packages[i]._fetch_instances()

        self.info._fetch_instances()

    class Header(KaitaiStruct):
        """The 15-byte header of every package and info block."""
        def __init__(self, _io, _parent=None, _root=None):
            super(TunkaLink.Header, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.magic = self._io.read_bytes(3)
            if not self.magic == b"\xFF\xFF\xA0":
                raise kaitaistruct.ValidationNotEqualError(b"\xFF\xFF\xA0", self.magic, self._io, u"/types/header/seq/0")
            self.status = self._io.read_u1()
            self.package_size = self._io.read_u2le()
            self.request_address = self._io.read_u1()
            self.event_number = self._io.read_u4le()
            self.vme_address = self._io.read_u4le()


        def _fetch_instances(self):
            pass


    class InfoBlock(KaitaiStruct):
        """Additional-info block, package_size + 21 bytes. Its data words are, in
        both samples, exactly 4 words forming an 8-byte TAIGA time stamp: the
        precise event time. Any further words (none seen) are kept raw.
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(TunkaLink.InfoBlock, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.header = TunkaLink.Header(self._io, self, self._root)
            self.time = taiga_time.TaigaTime(self._io)
            self.extra_words = []
            for i in range((self.header.package_size - 17) // 2):
                self.extra_words.append(self._io.read_u2le())

            self.cluster_number = self._io.read_u1()
            self.host_hours = self._io.read_u2le()
            self.host_minutes = self._io.read_u2le()
            self.host_seconds = self._io.read_u2le()
            self.host_milliseconds = self._io.read_u2le()
            self.optical_line_length = self._io.read_u2le()
            self.event_number = self._io.read_u4le()


        def _fetch_instances(self):
            pass
            self.header._fetch_instances()
            self.time._fetch_instances()
            for i in range(len(self.extra_words)):
                pass



    class Package(KaitaiStruct):
        """One digitiser package, package_size + 7 bytes."""
        def __init__(self, _io, _parent=None, _root=None):
            super(TunkaLink.Package, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.header = TunkaLink.Header(self._io, self, self._root)
            self.words = []
            for i in range((self.header.package_size - 9) // 2):
                self.words.append(self._io.read_u2le())

            self.cluster_number = self._io.read_u1()


        def _fetch_instances(self):
            pass
            self.header._fetch_instances()
            for i in range(len(self.words)):
                pass




