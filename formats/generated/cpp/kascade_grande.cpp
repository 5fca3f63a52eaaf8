// Generated from formats/specs/kascade_grande.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "kascade_grande.h"
#include "kaitai/exceptions.h"

kascade_grande_t::kascade_grande_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, kascade_grande_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;
    m_header = 0;
    m_records = 0;
    m__raw_records = 0;
    m__io__raw_records = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void kascade_grande_t::_read() {
    m_header = new file_header_t(m__io, this, m__root);
    m__raw_records = new std::vector<std::string>();
    m__io__raw_records = new std::vector<kaitai::kstream*>();
    m_records = new std::vector<record_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m__raw_records->push_back(m__io->read_bytes(header()->record_size()));
            kaitai::kstream* io__raw_records = new kaitai::kstream(m__raw_records->at(m__raw_records->size() - 1));
            m__io__raw_records->push_back(io__raw_records);
            m_records->push_back(new record_t(io__raw_records, this, m__root));
            i++;
        }
    }
}

kascade_grande_t::~kascade_grande_t() {
    _clean_up();
}

void kascade_grande_t::_clean_up() {
    if (m_header) {
        delete m_header; m_header = 0;
    }
    if (m__raw_records) {
        delete m__raw_records; m__raw_records = 0;
    }
    if (m__io__raw_records) {
        for (std::vector<kaitai::kstream*>::iterator it = m__io__raw_records->begin(); it != m__io__raw_records->end(); ++it) {
            delete *it;
        }
        delete m__io__raw_records; m__io__raw_records = 0;
    }
    if (m_records) {
        for (std::vector<record_t*>::iterator it = m_records->begin(); it != m_records->end(); ++it) {
            delete *it;
        }
        delete m_records; m_records = 0;
    }
}

kascade_grande_t::file_header_t::file_header_t(kaitai::kstream* p__io, kascade_grande_t* p__parent, kascade_grande_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void kascade_grande_t::file_header_t::_read() {
    m_magic = m__io->read_bytes(8);
    if (!(m_magic == std::string("\x4B\x47\x52\x41\x57\x0D\x0A\x1A", 8))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\x4B\x47\x52\x41\x57\x0D\x0A\x1A", 8), m_magic, m__io, std::string("/types/file_header/seq/0"));
    }
    m_version = m__io->read_u2le();
    if (!(m_version == 1)) {
        throw kaitai::validation_not_equal_error<uint16_t>(1, m_version, m__io, std::string("/types/file_header/seq/1"));
    }
    m_header_size = m__io->read_u2le();
    if (!(m_header_size == 32)) {
        throw kaitai::validation_not_equal_error<uint16_t>(32, m_header_size, m__io, std::string("/types/file_header/seq/2"));
    }
    m_record_size = m__io->read_u2le();
    m_n_stations = m__io->read_u2le();
    m_run_number = m__io->read_u4le();
    m_run_start = m__io->read_u4le();
    m_reserved = m__io->read_u4le();
    m_header_crc32 = m__io->read_u4le();
}

kascade_grande_t::file_header_t::~file_header_t() {
    _clean_up();
}

void kascade_grande_t::file_header_t::_clean_up() {
}

kascade_grande_t::record_t::record_t(kaitai::kstream* p__io, kascade_grande_t* p__parent, kascade_grande_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_stations = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void kascade_grande_t::record_t::_read() {
    m_sync = m__io->read_bytes(2);
    if (!(m_sync == std::string("\x4B\x47", 2))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\x4B\x47", 2), m_sync, m__io, std::string("/types/record/seq/0"));
    }
    m_record_size = m__io->read_u2le();
    if (!(m_record_size == _root()->header()->record_size())) {
        throw kaitai::validation_not_equal_error<uint16_t>(_root()->header()->record_size(), m_record_size, m__io, std::string("/types/record/seq/1"));
    }
    m_crc32 = m__io->read_u4le();
    m_event_number = m__io->read_u4le();
    m_unix_seconds = m__io->read_u4le();
    m_nanoseconds = m__io->read_u4le();
    m_trigger_flags = m__io->read_u2le();
    m_n_hit = m__io->read_u2le();
    m_pressure = m__io->read_u2le();
    m_temperature = m__io->read_s2le();
    m_humidity = m__io->read_u2le();
    m_reserved = m__io->read_u2le();
    m_stations = new std::vector<station_t*>();
    const int l_stations = _root()->header()->n_stations();
    for (int i = 0; i < l_stations; i++) {
        m_stations->push_back(new station_t(m__io, this, m__root));
    }
}

kascade_grande_t::record_t::~record_t() {
    _clean_up();
}

void kascade_grande_t::record_t::_clean_up() {
    if (m_stations) {
        for (std::vector<station_t*>::iterator it = m_stations->begin(); it != m_stations->end(); ++it) {
            delete *it;
        }
        delete m_stations; m_stations = 0;
    }
}

kascade_grande_t::station_t::station_t(kaitai::kstream* p__io, kascade_grande_t::record_t* p__parent, kascade_grande_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void kascade_grande_t::station_t::_read() {
    m_adc = m__io->read_u2le();
    m_status = m__io->read_u2le();
    m_arrival_time = m__io->read_s4le();
}

kascade_grande_t::station_t::~station_t() {
    _clean_up();
}

void kascade_grande_t::station_t::_clean_up() {
}
