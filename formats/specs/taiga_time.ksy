meta:
  id: taiga_time
  title: TAIGA 8-byte time-of-day stamp
  endian: le
  license: MIT
doc: |
  The 8-byte time stamp shared by the TAIGA-IACT, TAIGA-HiSCORE and Tunka-Grande
  packages and by the additional-info block of Tunka-133 and Tunka-Rex links.
  It is four consecutive little-endian 16-bit words W0..W3; read as one unsigned
  64-bit little-endian integer T, the fields are plain bit ranges of T
  (bit 0 = least significant): tens of ns bits 0-6, microseconds 7-16,
  milliseconds 17-26, seconds 27-32, minutes 33-38, hours 39-43.
  The fields are decoded from the 16-bit words (not from a 64-bit integer) so
  that readers in languages without exact 64-bit integers (JavaScript) agree.
  Open questions (TAIGA-FORMATS.md section 6): the time scale (UTC, local
  UTC+8 or GPS) is not stated, the stamp carries no date (the date must come
  from the file name or run log), and bits 44-63 (W2 bits 12-15 and all of W3)
  have no documented meaning; readers expose them raw as `high_bits` and
  `flags` and never interpret them.
seq:
  - id: w0
    type: u2
    doc: Word 0. Bits 0-6 tens of nanoseconds, bits 7-15 microseconds bits 0-8.
  - id: w1
    type: u2
    doc: Word 1. Bit 0 microseconds bit 9, bits 1-10 milliseconds, bits 11-15 seconds bits 0-4.
  - id: w2
    type: u2
    doc: Word 2. Bit 0 seconds bit 5, bits 1-6 minutes, bits 7-11 hours, bits 12-15 undocumented (see high_bits).
  - id: flags
    type: u2
    doc: |
      Word 3, undocumented. Zero in the Tunka-133, Tunka-Grande and Tunka-Rex
      samples; 0x8000, 0x8800 or 0x0800 in the IACT sample. Meaning open
      (flags or fine time?); exposed raw.
instances:
  tens_of_ns:
    value: w0 & 0x7f
    doc: Tens of nanoseconds, 0-99 (multiply by 10 for ns).
  microseconds:
    value: (w0 >> 7) | ((w1 & 1) << 9)
    doc: Microseconds, 0-999; straddles W0/W1.
  milliseconds:
    value: (w1 >> 1) & 0x3ff
    doc: Milliseconds, 0-999.
  seconds:
    value: (w1 >> 11) | ((w2 & 1) << 5)
    doc: Seconds, 0-59; straddles W1/W2.
  minutes:
    value: (w2 >> 1) & 0x3f
    doc: Minutes, 0-59.
  hours:
    value: (w2 >> 7) & 0x1f
    doc: Hours, 0-23.
  high_bits:
    value: w2 >> 12
    doc: W2 bits 12-15, undocumented; 0 in every sample. Exposed raw.
