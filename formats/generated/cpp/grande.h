// Generated from formats/specs/grande.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef GRANDE_H_
#define GRANDE_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class grande_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include "taiga_time.h"
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * Raw data of the Tunka-Grande scintillator array. A file has no header: it is
 * a sequence of variable-length packages until end of file (two packages per
 * event in the sample); all integers are little-endian. Verified byte for byte
 * against the real sample `grande` (238 packages, events 1-119, the same
 * events as the Tunka-133 sample `t133`). Times of day only, no date.
 * \sa ../shared/formats/TAIGA-FORMATS.md section 4
 */

class grande_t : public kaitai::kstruct {

public:
    class channel_block_t;
    class package_t;

    grande_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, grande_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~grande_t();

    /**
     * One digitiser channel, 8 + 2*data_count bytes.
     */

    class channel_block_t : public kaitai::kstruct {

    public:

        channel_block_t(kaitai::kstream* p__io, grande_t::package_t* p__parent = 0, grande_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~channel_block_t();

    private:
        uint32_t m_vme_address;
        uint16_t m_data_count;
        uint16_t m_channel_info;
        std::vector<uint16_t>* m_samples;
        grande_t* m__root;
        grande_t::package_t* m__parent;

    public:

        /**
         * VME address of the digitiser channel (0x80080000 ... 0x800E4800 in the sample).
         */
        uint32_t vme_address() const { return m_vme_address; }

        /**
         * Number of 16-bit samples that follow (1024 in the sample).
         */
        uint16_t data_count() const { return m_data_count; }

        /**
         * Channel information, exposed raw as u16le. The original spec splits it
         * into big-endian bit fields (4-bit channel, 1-bit bank, 2-bit link,
         * 9 reserved), but in the sample the low byte counts 0..15 over the 16
         * blocks of an event and the high byte is 0, which contradicts that bit
         * order (open question 9).
         */
        uint16_t channel_info() const { return m_channel_info; }

        /**
         * Digitised samples (1950-8191 in the sample).
         */
        std::vector<uint16_t>* samples() const { return m_samples; }
        grande_t* _root() const { return m__root; }
        grande_t::package_t* _parent() const { return m__parent; }
    };

    /**
     * One cluster readout, 24-byte header, 8 channel blocks, trailer.
     */

    class package_t : public kaitai::kstruct {

    public:

        package_t(kaitai::kstream* p__io, grande_t* p__parent = 0, grande_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~package_t();

    private:
        uint16_t m_data_type;
        uint16_t m_package_size;
        uint32_t m_event_number;
        uint32_t m_error_count;
        taiga_time_t* m_time;
        uint8_t m_cluster_number;
        uint8_t m_reserved;
        uint16_t m_optical_line_length_raw;
        std::vector<channel_block_t*>* m_channels;
        std::string m_trailer;
        grande_t* m__root;
        grande_t* m__parent;

    public:

        /**
         * Link number as data type, 3032 = link1, 3033 = link2, 3034 = link3, 3035 = link4; also the package signature.
         */
        uint16_t data_type() const { return m_data_type; }

        /**
         * Bytes after the 24-byte header including the trailer (16452 in the sample); the fast reader checks it against the blocks.
         */
        uint16_t package_size() const { return m_package_size; }

        /**
         * Event number; two packages per event in the sample.
         */
        uint32_t event_number() const { return m_event_number; }

        /**
         * Error counter; 0 in the sample.
         */
        uint32_t error_count() const { return m_error_count; }

        /**
         * Time of day of the event, 8-byte TAIGA stamp.
         */
        taiga_time_t* time() const { return m_time; }

        /**
         * Cluster number (31 in the sample).
         */
        uint8_t cluster_number() const { return m_cluster_number; }

        /**
         * Reserved byte, 0 in the sample.
         */
        uint8_t reserved() const { return m_reserved; }

        /**
         * Optical line length, exposed raw as u16le (bytes 43 00 in the sample
         * read as 67). The original spec declares a big-endian bit field, which
         * would read the same bytes as 0x4300; which is meant is open question 9.
         */
        uint16_t optical_line_length_raw() const { return m_optical_line_length_raw; }

        /**
         * Exactly 8 channel blocks.
         */
        std::vector<channel_block_t*>* channels() const { return m_channels; }

        /**
         * End-of-package marker FF FF FF FF.
         */
        std::string trailer() const { return m_trailer; }
        grande_t* _root() const { return m__root; }
        grande_t* _parent() const { return m__parent; }
    };

private:
    std::vector<package_t*>* m_packages;
    grande_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * Packages until end of file.
     */
    std::vector<package_t*>* packages() const { return m_packages; }
    grande_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // GRANDE_H_
