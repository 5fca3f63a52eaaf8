// Generated from formats/specs/tunka_link.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "tunka_link.h"
#include "kaitai/exceptions.h"

tunka_link_t::tunka_link_t(uint8_t p_n_packages, kaitai::kstream* p__io, kaitai::kstruct* p__parent, tunka_link_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;
    m_n_packages = p_n_packages;
    m_packages = 0;
    m_info = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void tunka_link_t::_read() {
    m_packages = new std::vector<package_t*>();
    const int l_packages = n_packages();
    for (int i = 0; i < l_packages; i++) {
        m_packages->push_back(new package_t(m__io, this, m__root));
    }
    m_info = new info_block_t(m__io, this, m__root);
}

tunka_link_t::~tunka_link_t() {
    _clean_up();
}

void tunka_link_t::_clean_up() {
    if (m_packages) {
        for (std::vector<package_t*>::iterator it = m_packages->begin(); it != m_packages->end(); ++it) {
            delete *it;
        }
        delete m_packages; m_packages = 0;
    }
    if (m_info) {
        delete m_info; m_info = 0;
    }
}

tunka_link_t::header_t::header_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, tunka_link_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void tunka_link_t::header_t::_read() {
    m_magic = m__io->read_bytes(3);
    if (!(m_magic == std::string("\xFF\xFF\xA0", 3))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\xFF\xFF\xA0", 3), m_magic, m__io, std::string("/types/header/seq/0"));
    }
    m_status = m__io->read_u1();
    m_package_size = m__io->read_u2le();
    m_request_address = m__io->read_u1();
    m_event_number = m__io->read_u4le();
    m_vme_address = m__io->read_u4le();
}

tunka_link_t::header_t::~header_t() {
    _clean_up();
}

void tunka_link_t::header_t::_clean_up() {
}

tunka_link_t::info_block_t::info_block_t(kaitai::kstream* p__io, tunka_link_t* p__parent, tunka_link_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_header = 0;
    m_time = 0;
    m_extra_words = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void tunka_link_t::info_block_t::_read() {
    m_header = new header_t(m__io, this, m__root);
    m_time = new taiga_time_t(m__io);
    m_extra_words = new std::vector<uint16_t>();
    const int l_extra_words = (header()->package_size() - 17) / 2;
    for (int i = 0; i < l_extra_words; i++) {
        m_extra_words->push_back(m__io->read_u2le());
    }
    m_cluster_number = m__io->read_u1();
    m_host_hours = m__io->read_u2le();
    m_host_minutes = m__io->read_u2le();
    m_host_seconds = m__io->read_u2le();
    m_host_milliseconds = m__io->read_u2le();
    m_optical_line_length = m__io->read_u2le();
    m_event_number = m__io->read_u4le();
}

tunka_link_t::info_block_t::~info_block_t() {
    _clean_up();
}

void tunka_link_t::info_block_t::_clean_up() {
    if (m_header) {
        delete m_header; m_header = 0;
    }
    if (m_time) {
        delete m_time; m_time = 0;
    }
    if (m_extra_words) {
        delete m_extra_words; m_extra_words = 0;
    }
}

tunka_link_t::package_t::package_t(kaitai::kstream* p__io, tunka_link_t* p__parent, tunka_link_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_header = 0;
    m_words = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void tunka_link_t::package_t::_read() {
    m_header = new header_t(m__io, this, m__root);
    m_words = new std::vector<uint16_t>();
    const int l_words = (header()->package_size() - 9) / 2;
    for (int i = 0; i < l_words; i++) {
        m_words->push_back(m__io->read_u2le());
    }
    m_cluster_number = m__io->read_u1();
}

tunka_link_t::package_t::~package_t() {
    _clean_up();
}

void tunka_link_t::package_t::_clean_up() {
    if (m_header) {
        delete m_header; m_header = 0;
    }
    if (m_words) {
        delete m_words; m_words = 0;
    }
}
