// Generated from formats/specs/taiga_time.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "taiga_time.h"

taiga_time_t::taiga_time_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, taiga_time_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;
    f_high_bits = false;
    f_hours = false;
    f_microseconds = false;
    f_milliseconds = false;
    f_minutes = false;
    f_seconds = false;
    f_tens_of_ns = false;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void taiga_time_t::_read() {
    m_w0 = m__io->read_u2le();
    m_w1 = m__io->read_u2le();
    m_w2 = m__io->read_u2le();
    m_flags = m__io->read_u2le();
}

taiga_time_t::~taiga_time_t() {
    _clean_up();
}

void taiga_time_t::_clean_up() {
}

int32_t taiga_time_t::high_bits() {
    if (f_high_bits)
        return m_high_bits;
    f_high_bits = true;
    m_high_bits = w2() >> 12;
    return m_high_bits;
}

int32_t taiga_time_t::hours() {
    if (f_hours)
        return m_hours;
    f_hours = true;
    m_hours = w2() >> 7 & 31;
    return m_hours;
}

int32_t taiga_time_t::microseconds() {
    if (f_microseconds)
        return m_microseconds;
    f_microseconds = true;
    m_microseconds = w0() >> 7 | (w1() & 1) << 9;
    return m_microseconds;
}

int32_t taiga_time_t::milliseconds() {
    if (f_milliseconds)
        return m_milliseconds;
    f_milliseconds = true;
    m_milliseconds = w1() >> 1 & 1023;
    return m_milliseconds;
}

int32_t taiga_time_t::minutes() {
    if (f_minutes)
        return m_minutes;
    f_minutes = true;
    m_minutes = w2() >> 1 & 63;
    return m_minutes;
}

int32_t taiga_time_t::seconds() {
    if (f_seconds)
        return m_seconds;
    f_seconds = true;
    m_seconds = w1() >> 11 | (w2() & 1) << 5;
    return m_seconds;
}

int32_t taiga_time_t::tens_of_ns() {
    if (f_tens_of_ns)
        return m_tens_of_ns;
    f_tens_of_ns = true;
    m_tens_of_ns = w0() & 127;
    return m_tens_of_ns;
}
