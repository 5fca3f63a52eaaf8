"""The resource descriptors: one YAML file per collection, and the model that reads and checks them.

`*.yaml` beside this file are the published collections; `system/` describes the
service's own tables (TAP_SCHEMA, the private `apo` schema); `derived/` the
tables computed from published data (classifications); `examples/` event lists
to publish with `apo publish`; `service/` the DALI examples of the TAP service.
"""
from resources.model import (
    ColumnDescriptor,
    DescriptorError,
    ResourceDescriptor,
    TableDescriptor,
    default_resource_dir,
    derived_table,
    load_descriptor,
    load_directory,
    load_raw,
    load_raw_directory,
    parse_descriptor,
    published_column_name,
    read_yaml,
    system_resource,
)

__all__ = [
    "ColumnDescriptor", "DescriptorError", "ResourceDescriptor", "TableDescriptor", "default_resource_dir",
    "derived_table", "load_descriptor", "load_directory", "load_raw", "load_raw_directory", "parse_descriptor",
    "published_column_name", "read_yaml", "system_resource",
]
