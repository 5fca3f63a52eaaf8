"""Raw binary formats of the experiments: specs, generated and fast readers, writers.

* `specs/*.ksy`: Kaitai Struct specs, the formats' documentation (every field has a doc).
* `generated/` (Python), `generated/js/`, `generated/cpp/`, `diagrams/`: produced from the specs by
  `node formats/compile.js` (after `npm ci --prefix formats`); never edited by hand.
* `kaitai_reader`: the generated readers shaped into columns, the reference for cross-checks.
* `fast`: vectorised numpy readers for bulk ingest (`read_columns`, `validate`).
* `writers`: write every format from numpy columns.
"""
