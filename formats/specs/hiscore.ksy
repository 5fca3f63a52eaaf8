meta:
  id: hiscore
  title: TAIGA-HiSCORE station raw package file
  file-extension: "010"
  endian: le
  license: MIT
  imports:
    - taiga_time
doc: |
  Raw data of a TAIGA-HiSCORE wide-angle timing station. A file has no header:
  it is a sequence of variable-length packages until end of file; all integers
  are little-endian. No real sample was available, so every field here is as
  the original specification states it and unverified on real bytes.
  A package is 24 header bytes, exactly 9 waveform blocks of 4 + 2*len bytes
  each, and the FF FF FF FF trailer. The packages carry only a time of day,
  no date (open question 1 of TAIGA-FORMATS.md).
doc-ref: ../shared/formats/TAIGA-FORMATS.md section 2
seq:
  - id: packages
    type: package
    repeat: eos
    doc: Packages until end of file.
types:
  package:
    doc: One station readout (one event).
    seq:
      - id: magic
        contents: [0xc0, 0x0b]
        doc: Package signature C0 0B (u16le 3008).
      - id: sz
        type: u2
        doc: |
          Package size. By analogy with IACT and Grande most likely the bytes
          after the 24-byte header including the trailer, i.e.
          sum(4 + 2*len) + 4; unverified (open question 6). This parser walks
          the blocks by their own lengths; the fast reader uses sz to find
          package boundaries and reports a package whose blocks disagree.
      - id: event_number
        type: u4
        doc: Event counter.
      - id: reserved
        type: u4
        doc: Called "reserved" (earliest spec "stop_position"); meaning open, exposed raw.
      - id: time
        type: taiga_time
        doc: Time of day of the trigger, 8-byte TAIGA stamp.
      - id: ip
        type: u2
        doc: Called "ip"; presumably the network address suffix of the station DAQ (open).
      - id: station_number
        type: u2
        doc: Station number.
      - id: blocks
        type: block
        repeat: expr
        repeat-expr: 9
        doc: Exactly 9 waveform blocks (whether always 9 is open question 7).
      - id: trailer
        contents: [0xff, 0xff, 0xff, 0xff]
        doc: End-of-package marker FF FF FF FF.
  block:
    doc: One digitised waveform.
    seq:
      - id: offset
        type: u2
        doc: Called "offset"; probably the position of the first sample in the digitiser window (open).
      - id: len
        type: u2
        doc: Number of 16-bit samples that follow.
      - id: samples
        type: u2
        repeat: expr
        repeat-expr: len
        doc: Waveform samples.
