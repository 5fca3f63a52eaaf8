// Generated from formats/specs/grande.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "grande.h"
#include "kaitai/exceptions.h"

grande_t::grande_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, grande_t* p__root) : kaitai::kstruct(p__io) {
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

void grande_t::_read() {
    m_packages = new std::vector<package_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_packages->push_back(new package_t(m__io, this, m__root));
            i++;
        }
    }
}

grande_t::~grande_t() {
    _clean_up();
}

void grande_t::_clean_up() {
    if (m_packages) {
        for (std::vector<package_t*>::iterator it = m_packages->begin(); it != m_packages->end(); ++it) {
            delete *it;
        }
        delete m_packages; m_packages = 0;
    }
}

grande_t::channel_block_t::channel_block_t(kaitai::kstream* p__io, grande_t::package_t* p__parent, grande_t* p__root) : kaitai::kstruct(p__io) {
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

void grande_t::channel_block_t::_read() {
    m_vme_address = m__io->read_u4le();
    m_data_count = m__io->read_u2le();
    m_channel_info = m__io->read_u2le();
    m_samples = new std::vector<uint16_t>();
    const int l_samples = data_count();
    for (int i = 0; i < l_samples; i++) {
        m_samples->push_back(m__io->read_u2le());
    }
}

grande_t::channel_block_t::~channel_block_t() {
    _clean_up();
}

void grande_t::channel_block_t::_clean_up() {
    if (m_samples) {
        delete m_samples; m_samples = 0;
    }
}

grande_t::package_t::package_t(kaitai::kstream* p__io, grande_t* p__parent, grande_t* p__root) : kaitai::kstruct(p__io) {
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

void grande_t::package_t::_read() {
    m_data_type = m__io->read_u2le();
    if (!(m_data_type >= 3032)) {
        throw kaitai::validation_less_than_error<uint16_t>(3032, m_data_type, m__io, std::string("/types/package/seq/0"));
    }
    if (!(m_data_type <= 3035)) {
        throw kaitai::validation_greater_than_error<uint16_t>(3035, m_data_type, m__io, std::string("/types/package/seq/0"));
    }
    m_package_size = m__io->read_u2le();
    m_event_number = m__io->read_u4le();
    m_error_count = m__io->read_u4le();
    m_time = new taiga_time_t(m__io);
    m_cluster_number = m__io->read_u1();
    m_reserved = m__io->read_u1();
    m_optical_line_length_raw = m__io->read_u2le();
    m_channels = new std::vector<channel_block_t*>();
    const int l_channels = 8;
    for (int i = 0; i < l_channels; i++) {
        m_channels->push_back(new channel_block_t(m__io, this, m__root));
    }
    m_trailer = m__io->read_bytes(4);
    if (!(m_trailer == std::string("\xFF\xFF\xFF\xFF", 4))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\xFF\xFF\xFF\xFF", 4), m_trailer, m__io, std::string("/types/package/seq/9"));
    }
}

grande_t::package_t::~package_t() {
    _clean_up();
}

void grande_t::package_t::_clean_up() {
    if (m_time) {
        delete m_time; m_time = 0;
    }
    if (m_channels) {
        for (std::vector<channel_block_t*>::iterator it = m_channels->begin(); it != m_channels->end(); ++it) {
            delete *it;
        }
        delete m_channels; m_channels = 0;
    }
}
