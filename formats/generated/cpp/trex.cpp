// Generated from formats/specs/trex.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "trex.h"

trex_t::trex_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, trex_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;
    m_links = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void trex_t::_read() {
    m_links = new std::vector<tunka_link_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_links->push_back(new tunka_link_t(4, m__io));
            i++;
        }
    }
}

trex_t::~trex_t() {
    _clean_up();
}

void trex_t::_clean_up() {
    if (m_links) {
        for (std::vector<tunka_link_t*>::iterator it = m_links->begin(); it != m_links->end(); ++it) {
            delete *it;
        }
        delete m_links; m_links = 0;
    }
}
