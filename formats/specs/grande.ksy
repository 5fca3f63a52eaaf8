meta:
  id: grande
  title: Tunka-Grande scintillator raw package file
  endian: le
  license: MIT
  imports:
    - taiga_time
doc: |
  Raw data of the Tunka-Grande scintillator array. A file has no header: it is
  a sequence of variable-length packages until end of file (two packages per
  event in the sample); all integers are little-endian. Verified byte for byte
  against the real sample `grande` (238 packages, events 1-119, the same
  events as the Tunka-133 sample `t133`). Times of day only, no date.
doc-ref: ../shared/formats/TAIGA-FORMATS.md section 4
seq:
  - id: packages
    type: package
    repeat: eos
    doc: Packages until end of file.
types:
  package:
    doc: One cluster readout, 24-byte header, 8 channel blocks, trailer.
    seq:
      - id: data_type
        type: u2
        valid:
          min: 3032
          max: 3035
        doc: Link number as data type, 3032 = link1, 3033 = link2, 3034 = link3, 3035 = link4; also the package signature.
      - id: package_size
        type: u2
        doc: Bytes after the 24-byte header including the trailer (16452 in the sample); the fast reader checks it against the blocks.
      - id: event_number
        type: u4
        doc: Event number; two packages per event in the sample.
      - id: error_count
        type: u4
        doc: Error counter; 0 in the sample.
      - id: time
        type: taiga_time
        doc: Time of day of the event, 8-byte TAIGA stamp.
      - id: cluster_number
        type: u1
        doc: Cluster number (31 in the sample).
      - id: reserved
        type: u1
        doc: Reserved byte, 0 in the sample.
      - id: optical_line_length_raw
        type: u2
        doc: |
          Optical line length, exposed raw as u16le (bytes 43 00 in the sample
          read as 67). The original spec declares a big-endian bit field, which
          would read the same bytes as 0x4300; which is meant is open question 9.
      - id: channels
        type: channel_block
        repeat: expr
        repeat-expr: 8
        doc: Exactly 8 channel blocks.
      - id: trailer
        contents: [0xff, 0xff, 0xff, 0xff]
        doc: End-of-package marker FF FF FF FF.
  channel_block:
    doc: One digitiser channel, 8 + 2*data_count bytes.
    seq:
      - id: vme_address
        type: u4
        doc: VME address of the digitiser channel (0x80080000 ... 0x800E4800 in the sample).
      - id: data_count
        type: u2
        doc: Number of 16-bit samples that follow (1024 in the sample).
      - id: channel_info
        type: u2
        doc: |
          Channel information, exposed raw as u16le. The original spec splits it
          into big-endian bit fields (4-bit channel, 1-bit bank, 2-bit link,
          9 reserved), but in the sample the low byte counts 0..15 over the 16
          blocks of an event and the high byte is 0, which contradicts that bit
          order (open question 9).
      - id: samples
        type: u2
        repeat: expr
        repeat-expr: data_count
        doc: Digitised samples (1950-8191 in the sample).
