"""Kaitai Struct readers generated from formats/specs by formats/compile.js.

Every module here is generated: never edit it, change the spec and rerun
`node formats/compile.js`; tests/formats/test_generated_fresh.py fails when a
module is out of date.
"""
