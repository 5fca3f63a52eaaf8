// Generated from formats/specs/kascade_grande.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef KASCADE_GRANDE_H_
#define KASCADE_GRANDE_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class kascade_grande_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * A raw event format for KASCADE-Grande air-shower events, designed by this
 * data centre (the experiment's own DAQ format is not public) so that the
 * demo simulation can write raw data and the ingest path reads it like real
 * detector output. Design decisions:
 * 
 * * A 32-byte file header carries a magic number, a format version, the
 *   header and record sizes, the station count, the run number and the run
 *   start, protected by its own CRC-32. A reader can decide from the first
 *   32 bytes whether and how it can read the file.
 * * Every record has the same length (record_size from the header), so a
 *   reader finds record i at header_size + i * record_size without scanning,
 *   and a vectorised reader maps the whole file as one array.
 * * Every record starts with the sync word "KG" and repeats record_size, so a
 *   reader can resynchronise after damage by searching for the sync word.
 * * Every record carries a CRC-32 (ISO-HDLC polynomial, as zlib.crc32) of its
 *   bytes from offset 8 to its end, so a single flipped bit is detected and
 *   localised to one record. The CRC sits at a fixed offset near the start
 *   so that later versions can append fields at the end of the record (with a
 *   larger record_size) without moving it; readers of version 1 skip the
 *   extra bytes.
 * * Times are absolute: UTC seconds since 1970-01-01 plus nanoseconds, so
 *   unlike the TAIGA formats no date has to come from elsewhere.
 * * Atmospheric conditions of the site weather station are stored with each
 *   event, in fixed-point integers.
 * * Per-station data is a fixed array of n_stations entries (37 Grande
 *   stations); stations without a signal have adc 0 and status bit 0 clear.
 * All integers are little-endian; all reserved fields are written as zero.
 */

class kascade_grande_t : public kaitai::kstruct {

public:
    class file_header_t;
    class record_t;
    class station_t;

    kascade_grande_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, kascade_grande_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~kascade_grande_t();

    /**
     * The 32-byte file header (version 1).
     */

    class file_header_t : public kaitai::kstruct {

    public:

        file_header_t(kaitai::kstream* p__io, kascade_grande_t* p__parent = 0, kascade_grande_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~file_header_t();

    private:
        std::string m_magic;
        uint16_t m_version;
        uint16_t m_header_size;
        uint16_t m_record_size;
        uint16_t m_n_stations;
        uint32_t m_run_number;
        uint32_t m_run_start;
        uint32_t m_reserved;
        uint32_t m_header_crc32;
        kascade_grande_t* m__root;
        kascade_grande_t* m__parent;

    public:

        /**
         * "KGRAW" then CR LF and Ctrl-Z, so that text-mode transfers, which
         * change line ends, break the magic and are detected.
         */
        std::string magic() const { return m_magic; }

        /**
         * Format version; this specification describes version 1.
         */
        uint16_t version() const { return m_version; }

        /**
         * Size of this header in bytes (32 in version 1).
         */
        uint16_t header_size() const { return m_header_size; }

        /**
         * Length of every record in bytes; at least 32 + 8 * n_stations
         * (the version-1 fields). Larger values mean appended fields.
         */
        uint16_t record_size() const { return m_record_size; }

        /**
         * Number of station entries in every record (37 for Grande).
         */
        uint16_t n_stations() const { return m_n_stations; }

        /**
         * DAQ run number.
         */
        uint32_t run_number() const { return m_run_number; }

        /**
         * Run start, UTC seconds since 1970-01-01.
         */
        uint32_t run_start() const { return m_run_start; }

        /**
         * Reserved, written as 0.
         */
        uint32_t reserved() const { return m_reserved; }

        /**
         * CRC-32 (as zlib.crc32) of header bytes 0-27.
         */
        uint32_t header_crc32() const { return m_header_crc32; }
        kascade_grande_t* _root() const { return m__root; }
        kascade_grande_t* _parent() const { return m__parent; }
    };

    /**
     * One air-shower event (32 + 8 * n_stations bytes in version 1).
     */

    class record_t : public kaitai::kstruct {

    public:

        record_t(kaitai::kstream* p__io, kascade_grande_t* p__parent = 0, kascade_grande_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~record_t();

    private:
        std::string m_sync;
        uint16_t m_record_size;
        uint32_t m_crc32;
        uint32_t m_event_number;
        uint32_t m_unix_seconds;
        uint32_t m_nanoseconds;
        uint16_t m_trigger_flags;
        uint16_t m_n_hit;
        uint16_t m_pressure;
        int16_t m_temperature;
        uint16_t m_humidity;
        uint16_t m_reserved;
        std::vector<station_t*>* m_stations;
        kascade_grande_t* m__root;
        kascade_grande_t* m__parent;

    public:

        /**
         * Record sync word "KG".
         */
        std::string sync() const { return m_sync; }

        /**
         * Repeats the header's record_size (resynchronisation aid).
         */
        uint16_t record_size() const { return m_record_size; }

        /**
         * CRC-32 (as zlib.crc32) of record bytes 8 to record_size - 1.
         */
        uint32_t crc32() const { return m_crc32; }

        /**
         * Event number, unique within the run.
         */
        uint32_t event_number() const { return m_event_number; }

        /**
         * Event time, UTC seconds since 1970-01-01 (GPS-disciplined clock).
         */
        uint32_t unix_seconds() const { return m_unix_seconds; }

        /**
         * Nanoseconds within the second, 0-999999999.
         */
        uint32_t nanoseconds() const { return m_nanoseconds; }

        /**
         * Trigger sources, bit 0 Grande cluster trigger, bit 1 KASCADE array trigger, other bits 0.
         */
        uint16_t trigger_flags() const { return m_trigger_flags; }

        /**
         * Number of stations with a signal, at most n_stations.
         */
        uint16_t n_hit() const { return m_n_hit; }

        /**
         * Air pressure at the site, in units of 0.1 hPa.
         */
        uint16_t pressure() const { return m_pressure; }

        /**
         * Air temperature at the site, in units of 0.01 degree Celsius.
         */
        int16_t temperature() const { return m_temperature; }

        /**
         * Relative humidity, in units of 0.01 percent (0-10000).
         */
        uint16_t humidity() const { return m_humidity; }

        /**
         * Reserved, written as 0.
         */
        uint16_t reserved() const { return m_reserved; }

        /**
         * One entry per station, index = station number - 1.
         */
        std::vector<station_t*>* stations() const { return m_stations; }
        kascade_grande_t* _root() const { return m__root; }
        kascade_grande_t* _parent() const { return m__parent; }
    };

    /**
     * Signal of one Grande scintillator station (8 bytes).
     */

    class station_t : public kaitai::kstruct {

    public:

        station_t(kaitai::kstream* p__io, kascade_grande_t::record_t* p__parent = 0, kascade_grande_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~station_t();

    private:
        uint16_t m_adc;
        uint16_t m_status;
        int32_t m_arrival_time;
        kascade_grande_t* m__root;
        kascade_grande_t::record_t* m__parent;

    public:

        /**
         * Energy deposit in ADC counts; 0 when the station has no signal.
         */
        uint16_t adc() const { return m_adc; }

        /**
         * Bit 0 station hit, bit 1 ADC saturated, other bits 0.
         */
        uint16_t status() const { return m_status; }

        /**
         * Arrival time of the shower front, units of 0.1 ns, relative to the event time.
         */
        int32_t arrival_time() const { return m_arrival_time; }
        kascade_grande_t* _root() const { return m__root; }
        kascade_grande_t::record_t* _parent() const { return m__parent; }
    };

private:
    file_header_t* m_header;
    std::vector<record_t*>* m_records;
    kascade_grande_t* m__root;
    kaitai::kstruct* m__parent;
    std::vector<std::string>* m__raw_records;
    std::vector<kaitai::kstream*>* m__io__raw_records;

public:

    /**
     * File header.
     */
    file_header_t* header() const { return m_header; }

    /**
     * Fixed-length event records until end of file.
     */
    std::vector<record_t*>* records() const { return m_records; }
    kascade_grande_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
    std::vector<std::string>* _raw_records() const { return m__raw_records; }
    std::vector<kaitai::kstream*>* _io__raw_records() const { return m__io__raw_records; }
};

#endif  // KASCADE_GRANDE_H_
