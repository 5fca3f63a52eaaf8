"""Raw files into catalogue rows, independent of any database.

* `raw_rows`: the published raw-level columns of every format (file, byte
  offset, record index, time, site, derived quantities) computed from the
  fast readers' batches.
* `grande_array`: the Grande station layout, shower-front arrival times and
  the plane-front fit that gives KASCADE-Grande raw events a direction.
* `dates`: the date of TAIGA files (their records carry only a time of day).
* `files`: checksums and quarantine.
* `detect`: which raw format a file holds, so that files of another format are refused, not quarantined.
* `sink`: what a database must offer (`IngestSink`); `vo_service.publishing.ingest`
  implements it over a Backend.
* `run`: `ingest_files`, file by file, one transaction each, with a summary.
"""
