meta:
  id: t133
  title: Tunka-133 optical-link raw file
  endian: le
  license: MIT
  imports:
    - tunka_link
doc: |
  Raw data of the Tunka-133 Cherenkov array (and the Tunka-Grande link of the
  same DAQ). A file has no header: it is a sequence of link records of 32
  packages plus one info block until end of file (119 links in the sample
  `t133`). Times of day only, no date. The precise stamps of the sample equal
  those of the Tunka-Grande sample minus 0.610 microseconds: both record the
  same 119 events.
doc-ref: ../shared/formats/TAIGA-FORMATS.md section 3
seq:
  - id: links
    type: tunka_link(32)
    repeat: eos
    doc: Links of 32 packages until end of file.
