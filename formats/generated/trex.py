# Generated from formats/specs/trex.ksy by kaitai-struct-compiler 0.11.0.
# Do not edit: change the spec and regenerate with
#   node formats/compile.js  (after: npm ci --prefix formats)
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from . import tunka_link


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class Trex(KaitaiStruct):
    """Raw data of the Tunka-Rex radio array, recorded through the Tunka optical
    link. Identical to Tunka-133 except that a link holds 4 packages. A file has
    no header: link records until end of file (28 links in the sample `trex`).
    Times of day only, no date.
    
    .. seealso::
       ../shared/formats/TAIGA-FORMATS.md section 5
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(Trex, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.links = []
        i = 0
        while not self._io.is_eof():
            self.links.append(tunka_link.TunkaLink(4, self._io))
            i += 1



    def _fetch_instances(self):
        pass
        for i in range(len(self.links)):
            pass
            self.links[i]._fetch_instances()



