// Generated from formats/specs/taiga_time.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef TAIGA_TIME_H_
#define TAIGA_TIME_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class taiga_time_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * The 8-byte time stamp shared by the TAIGA-IACT, TAIGA-HiSCORE and Tunka-Grande
 * packages and by the additional-info block of Tunka-133 and Tunka-Rex links.
 * It is four consecutive little-endian 16-bit words W0..W3; read as one unsigned
 * 64-bit little-endian integer T, the fields are plain bit ranges of T
 * (bit 0 = least significant): tens of ns bits 0-6, microseconds 7-16,
 * milliseconds 17-26, seconds 27-32, minutes 33-38, hours 39-43.
 * The fields are decoded from the 16-bit words (not from a 64-bit integer) so
 * that readers in languages without exact 64-bit integers (JavaScript) agree.
 * Open questions (TAIGA-FORMATS.md section 6): the time scale (UTC, local
 * UTC+8 or GPS) is not stated, the stamp carries no date (the date must come
 * from the file name or run log), and bits 44-63 (W2 bits 12-15 and all of W3)
 * have no documented meaning; readers expose them raw as `high_bits` and
 * `flags` and never interpret them.
 */

class taiga_time_t : public kaitai::kstruct {

public:

    taiga_time_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, taiga_time_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~taiga_time_t();

private:
    bool f_high_bits;
    int32_t m_high_bits;

public:

    /**
     * W2 bits 12-15, undocumented; 0 in every sample. Exposed raw.
     */
    int32_t high_bits();

private:
    bool f_hours;
    int32_t m_hours;

public:

    /**
     * Hours, 0-23.
     */
    int32_t hours();

private:
    bool f_microseconds;
    int32_t m_microseconds;

public:

    /**
     * Microseconds, 0-999; straddles W0/W1.
     */
    int32_t microseconds();

private:
    bool f_milliseconds;
    int32_t m_milliseconds;

public:

    /**
     * Milliseconds, 0-999.
     */
    int32_t milliseconds();

private:
    bool f_minutes;
    int32_t m_minutes;

public:

    /**
     * Minutes, 0-59.
     */
    int32_t minutes();

private:
    bool f_seconds;
    int32_t m_seconds;

public:

    /**
     * Seconds, 0-59; straddles W1/W2.
     */
    int32_t seconds();

private:
    bool f_tens_of_ns;
    int32_t m_tens_of_ns;

public:

    /**
     * Tens of nanoseconds, 0-99 (multiply by 10 for ns).
     */
    int32_t tens_of_ns();

private:
    uint16_t m_w0;
    uint16_t m_w1;
    uint16_t m_w2;
    uint16_t m_flags;
    taiga_time_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * Word 0. Bits 0-6 tens of nanoseconds, bits 7-15 microseconds bits 0-8.
     */
    uint16_t w0() const { return m_w0; }

    /**
     * Word 1. Bit 0 microseconds bit 9, bits 1-10 milliseconds, bits 11-15 seconds bits 0-4.
     */
    uint16_t w1() const { return m_w1; }

    /**
     * Word 2. Bit 0 seconds bit 5, bits 1-6 minutes, bits 7-11 hours, bits 12-15 undocumented (see high_bits).
     */
    uint16_t w2() const { return m_w2; }

    /**
     * Word 3, undocumented. Zero in the Tunka-133, Tunka-Grande and Tunka-Rex
     * samples; 0x8000, 0x8800 or 0x0800 in the IACT sample. Meaning open
     * (flags or fine time?); exposed raw.
     */
    uint16_t flags() const { return m_flags; }
    taiga_time_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // TAIGA_TIME_H_
