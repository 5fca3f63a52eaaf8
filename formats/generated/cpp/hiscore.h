// Generated from formats/specs/hiscore.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef HISCORE_H_
#define HISCORE_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class hiscore_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include "taiga_time.h"
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * Raw data of a TAIGA-HiSCORE wide-angle timing station. A file has no header:
 * it is a sequence of variable-length packages until end of file; all integers
 * are little-endian. No real sample was available, so every field here is as
 * the original specification states it and unverified on real bytes.
 * A package is 24 header bytes, exactly 9 waveform blocks of 4 + 2*len bytes
 * each, and the FF FF FF FF trailer. The packages carry only a time of day,
 * no date (open question 1 of TAIGA-FORMATS.md).
 * \sa ../shared/formats/TAIGA-FORMATS.md section 2
 */

class hiscore_t : public kaitai::kstruct {

public:
    class block_t;
    class package_t;

    hiscore_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, hiscore_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~hiscore_t();

    /**
     * One digitised waveform.
     */

    class block_t : public kaitai::kstruct {

    public:

        block_t(kaitai::kstream* p__io, hiscore_t::package_t* p__parent = 0, hiscore_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~block_t();

    private:
        uint16_t m_offset;
        uint16_t m_len;
        std::vector<uint16_t>* m_samples;
        hiscore_t* m__root;
        hiscore_t::package_t* m__parent;

    public:

        /**
         * Called "offset"; probably the position of the first sample in the digitiser window (open).
         */
        uint16_t offset() const { return m_offset; }

        /**
         * Number of 16-bit samples that follow.
         */
        uint16_t len() const { return m_len; }

        /**
         * Waveform samples.
         */
        std::vector<uint16_t>* samples() const { return m_samples; }
        hiscore_t* _root() const { return m__root; }
        hiscore_t::package_t* _parent() const { return m__parent; }
    };

    /**
     * One station readout (one event).
     */

    class package_t : public kaitai::kstruct {

    public:

        package_t(kaitai::kstream* p__io, hiscore_t* p__parent = 0, hiscore_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~package_t();

    private:
        std::string m_magic;
        uint16_t m_sz;
        uint32_t m_event_number;
        uint32_t m_reserved;
        taiga_time_t* m_time;
        uint16_t m_ip;
        uint16_t m_station_number;
        std::vector<block_t*>* m_blocks;
        std::string m_trailer;
        hiscore_t* m__root;
        hiscore_t* m__parent;

    public:

        /**
         * Package signature C0 0B (u16le 3008).
         */
        std::string magic() const { return m_magic; }

        /**
         * Package size. By analogy with IACT and Grande most likely the bytes
         * after the 24-byte header including the trailer, i.e.
         * sum(4 + 2*len) + 4; unverified (open question 6). This parser walks
         * the blocks by their own lengths; the fast reader uses sz to find
         * package boundaries and reports a package whose blocks disagree.
         */
        uint16_t sz() const { return m_sz; }

        /**
         * Event counter.
         */
        uint32_t event_number() const { return m_event_number; }

        /**
         * Called "reserved" (earliest spec "stop_position"); meaning open, exposed raw.
         */
        uint32_t reserved() const { return m_reserved; }

        /**
         * Time of day of the trigger, 8-byte TAIGA stamp.
         */
        taiga_time_t* time() const { return m_time; }

        /**
         * Called "ip"; presumably the network address suffix of the station DAQ (open).
         */
        uint16_t ip() const { return m_ip; }

        /**
         * Station number.
         */
        uint16_t station_number() const { return m_station_number; }

        /**
         * Exactly 9 waveform blocks (whether always 9 is open question 7).
         */
        std::vector<block_t*>* blocks() const { return m_blocks; }

        /**
         * End-of-package marker FF FF FF FF.
         */
        std::string trailer() const { return m_trailer; }
        hiscore_t* _root() const { return m__root; }
        hiscore_t* _parent() const { return m__parent; }
    };

private:
    std::vector<package_t*>* m_packages;
    hiscore_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * Packages until end of file.
     */
    std::vector<package_t*>* packages() const { return m_packages; }
    hiscore_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // HISCORE_H_
