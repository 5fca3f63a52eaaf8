meta:
  id: tunka_link
  title: Tunka optical-link record (shared by Tunka-133 and Tunka-Rex)
  endian: le
  license: MIT
  imports:
    - taiga_time
doc: |
  One "link" record of the Tunka optical-link files: n_packages digitiser
  packages followed by one additional-info block. Tunka-133 links hold 32
  packages, Tunka-Rex links 4; otherwise the formats are identical. Every
  package and the info block start with the same 15-byte header.
  Layout verified on the real samples `t133` (119 links) and `trex` (28 links),
  with the fixed layout of the source repository commit 73bb1b0 (the 14-byte
  host-clock trailer only in the info block).
doc-ref: ../shared/formats/TAIGA-FORMATS.md sections 3 and 5
params:
  - id: n_packages
    type: u1
    doc: Packages per link (32 for Tunka-133, 4 for Tunka-Rex).
seq:
  - id: packages
    type: package
    repeat: expr
    repeat-expr: n_packages
    doc: The digitiser packages of this link.
  - id: info
    type: info_block
    doc: Additional-info block closing the link.
types:
  header:
    doc: The 15-byte header of every package and info block.
    seq:
      - id: magic
        contents: [0xff, 0xff, 0xa0]
        doc: Signature FF FF followed by the transfer attribute A0.
      - id: status
        type: u1
        doc: Status byte; 0 in every sample header, meaning open.
      - id: package_size
        type: u2
        doc: |
          Bytes from header offset 6 to the end of the data words,
          i.e. 9 + 2 * number of words (1033 for packages, 17 for info blocks
          in the samples). Must be odd and at least 9; the fast reader reports
          other values as impossible.
      - id: request_address
        type: u1
        doc: Request address; 1 or 2 in the samples, meaning open.
      - id: event_number
        type: u4
        doc: |
          Per-package counter: the packages of one link carry consecutive
          numbers and the info block the next one; gaps between links suggest a
          counter shared with other links (open).
      - id: vme_address
        type: u4
        doc: VME address of the digitiser channel or board.
  package:
    doc: One digitiser package, package_size + 7 bytes.
    seq:
      - id: header
        type: header
        doc: Common header.
      - id: words
        type: u2
        repeat: expr
        repeat-expr: (header.package_size - 9) / 2
        doc: Digitised samples (12-bit ADC centred near 2048 in the samples).
      - id: cluster_number
        type: u1
        doc: Cluster number (1 in the t133 sample, 3 in the trex sample).
  info_block:
    doc: |
      Additional-info block, package_size + 21 bytes. Its data words are, in
      both samples, exactly 4 words forming an 8-byte TAIGA time stamp: the
      precise event time. Any further words (none seen) are kept raw.
    seq:
      - id: header
        type: header
        doc: Common header (package_size 17 in the samples).
      - id: time
        type: taiga_time
        doc: Precise event time of day (the first 4 data words).
      - id: extra_words
        type: u2
        repeat: expr
        repeat-expr: (header.package_size - 17) / 2
        doc: Data words after the time stamp; none in the samples.
      - id: cluster_number
        type: u1
        doc: Cluster number.
      - id: host_hours
        type: u2
        doc: |
          Hours of a coarse second clock (probably the host computer). It is not
          the clock of the precise stamp: in the samples it lags or steps in
          one-minute increments and its milliseconds are not monotonic (open).
      - id: host_minutes
        type: u2
        doc: Minutes of the coarse clock.
      - id: host_seconds
        type: u2
        doc: Seconds of the coarse clock.
      - id: host_milliseconds
        type: u2
        doc: Milliseconds of the coarse clock.
      - id: optical_line_length
        type: u2
        doc: Optical line (cable) length; 500 in t133, 1640 in trex; probably metres (open).
      - id: event_number
        type: u4
        doc: Link-level event number (1, 2, ..., 119 consecutive in the t133 sample).
