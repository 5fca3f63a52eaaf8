// Generated from formats/specs/iact.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "iact.h"
#include "kaitai/exceptions.h"

iact_t::iact_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, iact_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;
    m_packages = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void iact_t::_read() {
    m_packages = new std::vector<package_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_packages->push_back(new package_t(m__io, this, m__root));
            i++;
        }
    }
}

iact_t::~iact_t() {
    _clean_up();
}

void iact_t::_clean_up() {
    if (m_packages) {
        for (std::vector<package_t*>::iterator it = m_packages->begin(); it != m_packages->end(); ++it) {
            delete *it;
        }
        delete m_packages; m_packages = 0;
    }
}

iact_t::channel_t::channel_t(kaitai::kstream* p__io, iact_t::package_t* p__parent, iact_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void iact_t::channel_t::_read() {
    m_big = m__io->read_u2le();
    m_small = m__io->read_u2le();
}

iact_t::channel_t::~channel_t() {
    _clean_up();
}

void iact_t::channel_t::_clean_up() {
}

iact_t::package_t::package_t(kaitai::kstream* p__io, iact_t* p__parent, iact_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_time = 0;
    m_channels = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void iact_t::package_t::_read() {
    m_magic = m__io->read_bytes(2);
    if (!(m_magic == std::string("\xD8\x0B", 2))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\xD8\x0B", 2), m_magic, m__io, std::string("/types/package/seq/0"));
    }
    m_size = m__io->read_u2le();
    m_event_number = m__io->read_u4le();
    m_reserved = m__io->read_u4le();
    m_time = new taiga_time_t(m__io);
    m_maroc_word = m__io->read_u4le();
    m_channels = new std::vector<channel_t*>();
    const int l_channels = 32;
    for (int i = 0; i < l_channels; i++) {
        m_channels->push_back(new channel_t(m__io, this, m__root));
    }
    m_trailer = m__io->read_bytes(4);
    if (!(m_trailer == std::string("\xFF\xFF\xFF\xFF", 4))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\xFF\xFF\xFF\xFF", 4), m_trailer, m__io, std::string("/types/package/seq/7"));
    }
}

iact_t::package_t::~package_t() {
    _clean_up();
}

void iact_t::package_t::_clean_up() {
    if (m_time) {
        delete m_time; m_time = 0;
    }
    if (m_channels) {
        for (std::vector<channel_t*>::iterator it = m_channels->begin(); it != m_channels->end(); ++it) {
            delete *it;
        }
        delete m_channels; m_channels = 0;
    }
}
