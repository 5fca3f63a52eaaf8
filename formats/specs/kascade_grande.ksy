meta:
  id: kascade_grande
  title: KASCADE-Grande raw event file (this data centre's design, version 1)
  file-extension: kgraw
  endian: le
  license: MIT
doc: |
  A raw event format for KASCADE-Grande air-shower events, designed by this
  data centre (the experiment's own DAQ format is not public) so that the
  demo simulation can write raw data and the ingest path reads it like real
  detector output. Design decisions:

  * A 32-byte file header carries a magic number, a format version, the
    header and record sizes, the station count, the run number and the run
    start, protected by its own CRC-32. A reader can decide from the first
    32 bytes whether and how it can read the file.
  * Every record has the same length (record_size from the header), so a
    reader finds record i at header_size + i * record_size without scanning,
    and a vectorised reader maps the whole file as one array.
  * Every record starts with the sync word "KG" and repeats record_size, so a
    reader can resynchronise after damage by searching for the sync word.
  * Every record carries a CRC-32 (ISO-HDLC polynomial, as zlib.crc32) of its
    bytes from offset 8 to its end, so a single flipped bit is detected and
    localised to one record. The CRC sits at a fixed offset near the start
    so that later versions can append fields at the end of the record (with a
    larger record_size) without moving it; readers of version 1 skip the
    extra bytes.
  * Times are absolute: UTC seconds since 1970-01-01 plus nanoseconds, so
    unlike the TAIGA formats no date has to come from elsewhere.
  * Atmospheric conditions of the site weather station are stored with each
    event, in fixed-point integers.
  * Per-station data is a fixed array of n_stations entries (37 Grande
    stations); stations without a signal have adc 0 and status bit 0 clear.
  All integers are little-endian; all reserved fields are written as zero.
seq:
  - id: header
    type: file_header
    doc: File header.
  - id: records
    type: record
    size: header.record_size
    repeat: eos
    doc: Fixed-length event records until end of file.
types:
  file_header:
    doc: The 32-byte file header (version 1).
    seq:
      - id: magic
        contents: [0x4b, 0x47, 0x52, 0x41, 0x57, 0x0d, 0x0a, 0x1a]
        doc: |
          "KGRAW" then CR LF and Ctrl-Z, so that text-mode transfers, which
          change line ends, break the magic and are detected.
      - id: version
        type: u2
        valid: 1
        doc: Format version; this specification describes version 1.
      - id: header_size
        type: u2
        valid: 32
        doc: Size of this header in bytes (32 in version 1).
      - id: record_size
        type: u2
        doc: |
          Length of every record in bytes; at least 32 + 8 * n_stations
          (the version-1 fields). Larger values mean appended fields.
      - id: n_stations
        type: u2
        doc: Number of station entries in every record (37 for Grande).
      - id: run_number
        type: u4
        doc: DAQ run number.
      - id: run_start
        type: u4
        doc: Run start, UTC seconds since 1970-01-01.
      - id: reserved
        type: u4
        doc: Reserved, written as 0.
      - id: header_crc32
        type: u4
        doc: CRC-32 (as zlib.crc32) of header bytes 0-27.
  record:
    doc: One air-shower event (32 + 8 * n_stations bytes in version 1).
    seq:
      - id: sync
        contents: [0x4b, 0x47]
        doc: Record sync word "KG".
      - id: record_size
        type: u2
        valid: _root.header.record_size
        doc: Repeats the header's record_size (resynchronisation aid).
      - id: crc32
        type: u4
        doc: CRC-32 (as zlib.crc32) of record bytes 8 to record_size - 1.
      - id: event_number
        type: u4
        doc: Event number, unique within the run.
      - id: unix_seconds
        type: u4
        doc: Event time, UTC seconds since 1970-01-01 (GPS-disciplined clock).
      - id: nanoseconds
        type: u4
        doc: Nanoseconds within the second, 0-999999999.
      - id: trigger_flags
        type: u2
        doc: Trigger sources, bit 0 Grande cluster trigger, bit 1 KASCADE array trigger, other bits 0.
      - id: n_hit
        type: u2
        doc: Number of stations with a signal, at most n_stations.
      - id: pressure
        type: u2
        doc: Air pressure at the site, in units of 0.1 hPa.
      - id: temperature
        type: s2
        doc: Air temperature at the site, in units of 0.01 degree Celsius.
      - id: humidity
        type: u2
        doc: Relative humidity, in units of 0.01 percent (0-10000).
      - id: reserved
        type: u2
        doc: Reserved, written as 0.
      - id: stations
        type: station
        repeat: expr
        repeat-expr: _root.header.n_stations
        doc: One entry per station, index = station number - 1.
  station:
    doc: Signal of one Grande scintillator station (8 bytes).
    seq:
      - id: adc
        type: u2
        doc: Energy deposit in ADC counts; 0 when the station has no signal.
      - id: status
        type: u2
        doc: Bit 0 station hit, bit 1 ADC saturated, other bits 0.
      - id: arrival_time
        type: s4
        doc: Arrival time of the shower front, units of 0.1 ns, relative to the event time.
