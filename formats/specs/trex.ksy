meta:
  id: trex
  title: Tunka-Rex optical-link raw file
  endian: le
  license: MIT
  imports:
    - tunka_link
doc: |
  Raw data of the Tunka-Rex radio array, recorded through the Tunka optical
  link. Identical to Tunka-133 except that a link holds 4 packages. A file has
  no header: link records until end of file (28 links in the sample `trex`).
  Times of day only, no date.
doc-ref: ../shared/formats/TAIGA-FORMATS.md section 5
seq:
  - id: links
    type: tunka_link(4)
    repeat: eos
    doc: Links of 4 packages until end of file.
