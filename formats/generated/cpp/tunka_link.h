// Generated from formats/specs/tunka_link.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef TUNKA_LINK_H_
#define TUNKA_LINK_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class tunka_link_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include "taiga_time.h"
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * One "link" record of the Tunka optical-link files: n_packages digitiser
 * packages followed by one additional-info block. Tunka-133 links hold 32
 * packages, Tunka-Rex links 4; otherwise the formats are identical. Every
 * package and the info block start with the same 15-byte header.
 * Layout verified on the real samples `t133` (119 links) and `trex` (28 links),
 * with the fixed layout of the source repository commit 73bb1b0 (the 14-byte
 * host-clock trailer only in the info block).
 * \sa ../shared/formats/TAIGA-FORMATS.md sections 3 and 5
 */

class tunka_link_t : public kaitai::kstruct {

public:
    class header_t;
    class info_block_t;
    class package_t;

    tunka_link_t(uint8_t p_n_packages, kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, tunka_link_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~tunka_link_t();

    /**
     * The 15-byte header of every package and info block.
     */

    class header_t : public kaitai::kstruct {

    public:

        header_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, tunka_link_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~header_t();

    private:
        std::string m_magic;
        uint8_t m_status;
        uint16_t m_package_size;
        uint8_t m_request_address;
        uint32_t m_event_number;
        uint32_t m_vme_address;
        tunka_link_t* m__root;
        kaitai::kstruct* m__parent;

    public:

        /**
         * Signature FF FF followed by the transfer attribute A0.
         */
        std::string magic() const { return m_magic; }

        /**
         * Status byte; 0 in every sample header, meaning open.
         */
        uint8_t status() const { return m_status; }

        /**
         * Bytes from header offset 6 to the end of the data words,
         * i.e. 9 + 2 * number of words (1033 for packages, 17 for info blocks
         * in the samples). Must be odd and at least 9; the fast reader reports
         * other values as impossible.
         */
        uint16_t package_size() const { return m_package_size; }

        /**
         * Request address; 1 or 2 in the samples, meaning open.
         */
        uint8_t request_address() const { return m_request_address; }

        /**
         * Per-package counter: the packages of one link carry consecutive
         * numbers and the info block the next one; gaps between links suggest a
         * counter shared with other links (open).
         */
        uint32_t event_number() const { return m_event_number; }

        /**
         * VME address of the digitiser channel or board.
         */
        uint32_t vme_address() const { return m_vme_address; }
        tunka_link_t* _root() const { return m__root; }
        kaitai::kstruct* _parent() const { return m__parent; }
    };

    /**
     * Additional-info block, package_size + 21 bytes. Its data words are, in
     * both samples, exactly 4 words forming an 8-byte TAIGA time stamp: the
     * precise event time. Any further words (none seen) are kept raw.
     */

    class info_block_t : public kaitai::kstruct {

    public:

        info_block_t(kaitai::kstream* p__io, tunka_link_t* p__parent = 0, tunka_link_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~info_block_t();

    private:
        header_t* m_header;
        taiga_time_t* m_time;
        std::vector<uint16_t>* m_extra_words;
        uint8_t m_cluster_number;
        uint16_t m_host_hours;
        uint16_t m_host_minutes;
        uint16_t m_host_seconds;
        uint16_t m_host_milliseconds;
        uint16_t m_optical_line_length;
        uint32_t m_event_number;
        tunka_link_t* m__root;
        tunka_link_t* m__parent;

    public:

        /**
         * Common header (package_size 17 in the samples).
         */
        header_t* header() const { return m_header; }

        /**
         * Precise event time of day (the first 4 data words).
         */
        taiga_time_t* time() const { return m_time; }

        /**
         * Data words after the time stamp; none in the samples.
         */
        std::vector<uint16_t>* extra_words() const { return m_extra_words; }

        /**
         * Cluster number.
         */
        uint8_t cluster_number() const { return m_cluster_number; }

        /**
         * Hours of a coarse second clock (probably the host computer). It is not
         * the clock of the precise stamp: in the samples it lags or steps in
         * one-minute increments and its milliseconds are not monotonic (open).
         */
        uint16_t host_hours() const { return m_host_hours; }

        /**
         * Minutes of the coarse clock.
         */
        uint16_t host_minutes() const { return m_host_minutes; }

        /**
         * Seconds of the coarse clock.
         */
        uint16_t host_seconds() const { return m_host_seconds; }

        /**
         * Milliseconds of the coarse clock.
         */
        uint16_t host_milliseconds() const { return m_host_milliseconds; }

        /**
         * Optical line (cable) length; 500 in t133, 1640 in trex; probably metres (open).
         */
        uint16_t optical_line_length() const { return m_optical_line_length; }

        /**
         * Link-level event number (1, 2, ..., 119 consecutive in the t133 sample).
         */
        uint32_t event_number() const { return m_event_number; }
        tunka_link_t* _root() const { return m__root; }
        tunka_link_t* _parent() const { return m__parent; }
    };

    /**
     * One digitiser package, package_size + 7 bytes.
     */

    class package_t : public kaitai::kstruct {

    public:

        package_t(kaitai::kstream* p__io, tunka_link_t* p__parent = 0, tunka_link_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~package_t();

    private:
        header_t* m_header;
        std::vector<uint16_t>* m_words;
        uint8_t m_cluster_number;
        tunka_link_t* m__root;
        tunka_link_t* m__parent;

    public:

        /**
         * Common header.
         */
        header_t* header() const { return m_header; }

        /**
         * Digitised samples (12-bit ADC centred near 2048 in the samples).
         */
        std::vector<uint16_t>* words() const { return m_words; }

        /**
         * Cluster number (1 in the t133 sample, 3 in the trex sample).
         */
        uint8_t cluster_number() const { return m_cluster_number; }
        tunka_link_t* _root() const { return m__root; }
        tunka_link_t* _parent() const { return m__parent; }
    };

private:
    std::vector<package_t*>* m_packages;
    info_block_t* m_info;
    uint8_t m_n_packages;
    tunka_link_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * The digitiser packages of this link.
     */
    std::vector<package_t*>* packages() const { return m_packages; }

    /**
     * Additional-info block closing the link.
     */
    info_block_t* info() const { return m_info; }

    /**
     * Packages per link (32 for Tunka-133, 4 for Tunka-Rex).
     */
    uint8_t n_packages() const { return m_n_packages; }
    tunka_link_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // TUNKA_LINK_H_
