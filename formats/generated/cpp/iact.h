// Generated from formats/specs/iact.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef IACT_H_
#define IACT_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class iact_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include "taiga_time.h"
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * Raw data of a TAIGA-IACT Cherenkov-telescope camera (MAROC-based boards).
 * A file has no header: it is a sequence of fixed-length 156-byte packages
 * (32 channels each) until end of file; all integers are little-endian.
 * Verified byte for byte against the real sample `iact` (2995 packages).
 * The packages carry only a time of day, no date: the date must come from the
 * file name or run log (open question 1 of TAIGA-FORMATS.md).
 * \sa ../shared/formats/TAIGA-FORMATS.md section 1
 */

class iact_t : public kaitai::kstruct {

public:
    class channel_t;
    class package_t;

    iact_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, iact_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~iact_t();

    /**
     * Two amplitude readings of one pixel (most likely high and low gain; open).
     */

    class channel_t : public kaitai::kstruct {

    public:

        channel_t(kaitai::kstream* p__io, iact_t::package_t* p__parent = 0, iact_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~channel_t();

    private:
        uint16_t m_big;
        uint16_t m_small;
        iact_t* m__root;
        iact_t::package_t* m__parent;

    public:

        /**
         * First reading ("big"); 632-8249 in the sample, so wider than 12 bits.
         */
        uint16_t big() const { return m_big; }

        /**
         * Second reading ("small"); 572-1848 in the sample.
         */
        uint16_t small() const { return m_small; }
        iact_t* _root() const { return m__root; }
        iact_t::package_t* _parent() const { return m__parent; }
    };

    /**
     * One camera readout (one event), 156 bytes.
     */

    class package_t : public kaitai::kstruct {

    public:

        package_t(kaitai::kstream* p__io, iact_t* p__parent = 0, iact_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~package_t();

    private:
        std::string m_magic;
        uint16_t m_size;
        uint32_t m_event_number;
        uint32_t m_reserved;
        taiga_time_t* m_time;
        uint32_t m_maroc_word;
        std::vector<channel_t*>* m_channels;
        std::string m_trailer;
        iact_t* m__root;
        iact_t* m__parent;

    public:

        /**
         * Package signature D8 0B (u16le 3032, the same value as the Grande link1 data type).
         */
        std::string magic() const { return m_magic; }

        /**
         * Bytes after the 24-byte header including the 4-byte trailer; 132 for
         * 32 channels (verified in the sample). The layout here is fixed at 32
         * channels, so the fast reader reports any other value as impossible.
         */
        uint16_t size() const { return m_size; }

        /**
         * Trigger/event counter; increasing but not contiguous in the sample.
         */
        uint32_t event_number() const { return m_event_number; }

        /**
         * Called "reserved" (earliest spec: "stop_position"). Non-zero in the
         * sample, behaving like a free-running 32-bit counter (about 1.31e8
         * counts per second, with wraps). Meaning open; exposed raw.
         */
        uint32_t reserved() const { return m_reserved; }

        /**
         * Time of day of the trigger, 8-byte TAIGA stamp.
         */
        taiga_time_t* time() const { return m_time; }

        /**
         * MAROC (board/chip) structure: the spec says the first 5 bits are the
         * MAROC number and the other 27 bits are unused, but which 5 bits (bit
         * order) is open and every sample value is 0; exposed raw as a u32le.
         */
        uint32_t maroc_word() const { return m_maroc_word; }

        /**
         * The 32 channel readings, channel index = position 0..31.
         */
        std::vector<channel_t*>* channels() const { return m_channels; }

        /**
         * End-of-package marker FF FF FF FF.
         */
        std::string trailer() const { return m_trailer; }
        iact_t* _root() const { return m__root; }
        iact_t* _parent() const { return m__parent; }
    };

private:
    std::vector<package_t*>* m_packages;
    iact_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * Packages until end of file.
     */
    std::vector<package_t*>* packages() const { return m_packages; }
    iact_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // IACT_H_
