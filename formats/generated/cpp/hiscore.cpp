// Generated from formats/specs/hiscore.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "hiscore.h"
#include "kaitai/exceptions.h"

hiscore_t::hiscore_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, hiscore_t* p__root) : kaitai::kstruct(p__io) {
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

void hiscore_t::_read() {
    m_packages = new std::vector<package_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_packages->push_back(new package_t(m__io, this, m__root));
            i++;
        }
    }
}

hiscore_t::~hiscore_t() {
    _clean_up();
}

void hiscore_t::_clean_up() {
    if (m_packages) {
        for (std::vector<package_t*>::iterator it = m_packages->begin(); it != m_packages->end(); ++it) {
            delete *it;
        }
        delete m_packages; m_packages = 0;
    }
}

hiscore_t::block_t::block_t(kaitai::kstream* p__io, hiscore_t::package_t* p__parent, hiscore_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_samples = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void hiscore_t::block_t::_read() {
    m_offset = m__io->read_u2le();
    m_len = m__io->read_u2le();
    m_samples = new std::vector<uint16_t>();
    const int l_samples = len();
    for (int i = 0; i < l_samples; i++) {
        m_samples->push_back(m__io->read_u2le());
    }
}

hiscore_t::block_t::~block_t() {
    _clean_up();
}

void hiscore_t::block_t::_clean_up() {
    if (m_samples) {
        delete m_samples; m_samples = 0;
    }
}

hiscore_t::package_t::package_t(kaitai::kstream* p__io, hiscore_t* p__parent, hiscore_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_time = 0;
    m_blocks = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void hiscore_t::package_t::_read() {
    m_magic = m__io->read_bytes(2);
    if (!(m_magic == std::string("\xC0\x0B", 2))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\xC0\x0B", 2), m_magic, m__io, std::string("/types/package/seq/0"));
    }
    m_sz = m__io->read_u2le();
    m_event_number = m__io->read_u4le();
    m_reserved = m__io->read_u4le();
    m_time = new taiga_time_t(m__io);
    m_ip = m__io->read_u2le();
    m_station_number = m__io->read_u2le();
    m_blocks = new std::vector<block_t*>();
    const int l_blocks = 9;
    for (int i = 0; i < l_blocks; i++) {
        m_blocks->push_back(new block_t(m__io, this, m__root));
    }
    m_trailer = m__io->read_bytes(4);
    if (!(m_trailer == std::string("\xFF\xFF\xFF\xFF", 4))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\xFF\xFF\xFF\xFF", 4), m_trailer, m__io, std::string("/types/package/seq/8"));
    }
}

hiscore_t::package_t::~package_t() {
    _clean_up();
}

void hiscore_t::package_t::_clean_up() {
    if (m_time) {
        delete m_time; m_time = 0;
    }
    if (m_blocks) {
        for (std::vector<block_t*>::iterator it = m_blocks->begin(); it != m_blocks->end(); ++it) {
            delete *it;
        }
        delete m_blocks; m_blocks = 0;
    }
}
