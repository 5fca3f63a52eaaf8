// Generated from formats/specs/t133.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "t133.h"

t133_t::t133_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, t133_t* p__root) : kaitai::kstruct(p__io) {
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

void t133_t::_read() {
    m_links = new std::vector<tunka_link_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_links->push_back(new tunka_link_t(32, m__io));
            i++;
        }
    }
}

t133_t::~t133_t() {
    _clean_up();
}

void t133_t::_clean_up() {
    if (m_links) {
        for (std::vector<tunka_link_t*>::iterator it = m_links->begin(); it != m_links->end(); ++it) {
            delete *it;
        }
        delete m_links; m_links = 0;
    }
}
