meta:
  id: iact
  title: TAIGA-IACT camera raw package file
  file-extension: ["001", "010"]
  endian: le
  license: MIT
  imports:
    - taiga_time
doc: |
  Raw data of a TAIGA-IACT Cherenkov-telescope camera (MAROC-based boards).
  A file has no header: it is a sequence of fixed-length 156-byte packages
  (32 channels each) until end of file; all integers are little-endian.
  Verified byte for byte against the real sample `iact` (2995 packages).
  The packages carry only a time of day, no date: the date must come from the
  file name or run log (open question 1 of TAIGA-FORMATS.md).
doc-ref: ../shared/formats/TAIGA-FORMATS.md section 1
seq:
  - id: packages
    type: package
    repeat: eos
    doc: Packages until end of file.
types:
  package:
    doc: One camera readout (one event), 156 bytes.
    seq:
      - id: magic
        contents: [0xd8, 0x0b]
        doc: Package signature D8 0B (u16le 3032, the same value as the Grande link1 data type).
      - id: size
        type: u2
        doc: |
          Bytes after the 24-byte header including the 4-byte trailer; 132 for
          32 channels (verified in the sample). The layout here is fixed at 32
          channels, so the fast reader reports any other value as impossible.
      - id: event_number
        type: u4
        doc: Trigger/event counter; increasing but not contiguous in the sample.
      - id: reserved
        type: u4
        doc: |
          Called "reserved" (earliest spec: "stop_position"). Non-zero in the
          sample, behaving like a free-running 32-bit counter (about 1.31e8
          counts per second, with wraps). Meaning open; exposed raw.
      - id: time
        type: taiga_time
        doc: Time of day of the trigger, 8-byte TAIGA stamp.
      - id: maroc_word
        type: u4
        doc: |
          MAROC (board/chip) structure: the spec says the first 5 bits are the
          MAROC number and the other 27 bits are unused, but which 5 bits (bit
          order) is open and every sample value is 0; exposed raw as a u32le.
      - id: channels
        type: channel
        repeat: expr
        repeat-expr: 32
        doc: The 32 channel readings, channel index = position 0..31.
      - id: trailer
        contents: [0xff, 0xff, 0xff, 0xff]
        doc: End-of-package marker FF FF FF FF.
  channel:
    doc: Two amplitude readings of one pixel (most likely high and low gain; open).
    seq:
      - id: big
        type: u2
        doc: First reading ("big"); 632-8249 in the sample, so wider than 12 bits.
      - id: small
        type: u2
        doc: Second reading ("small"); 572-1848 in the sample.
