"""TAP_SCHEMA (TAP 1.1 §4): the published metadata as tables clients query with ADQL.

The tables' own structure is fixed by the standard, so it is declared here in
code; their rows are generated from the resource descriptors.
"""
from __future__ import annotations

from typing import Iterable

from vo_service.descriptors import ColumnDescriptor, ResourceDescriptor, TableDescriptor, published_column_name

SCHEMA = "tap_schema"


def _col(name: str, datatype: str, description: str, *, principal: bool = True, ucd: str | None = None,
         arraysize: str | None = None) -> ColumnDescriptor:
    if datatype == "char":
        arraysize = arraysize or "*"
    return ColumnDescriptor(name=name, datatype=datatype, description=description, principal=principal,
                            std=True, ucd=ucd, arraysize=arraysize)


def _table(name: str, description: str, columns: list[ColumnDescriptor],
           references: dict[str, str] | None = None) -> TableDescriptor:
    return TableDescriptor(schema=SCHEMA, name=name, description=description, columns=tuple(columns),
                           references=tuple(sorted((references or {}).items())))


TABLES: tuple[TableDescriptor, ...] = (
    _table("schemas", "Schemas (collections) published by this service.", [
        _col("schema_name", "char", "Schema name for reference to tap_schema.schemas", ucd="meta.id;meta.main"),
        _col("utype", "char", "utype of the schema"),
        _col("description", "char", "Describes the schema"),
        _col("schema_index", "int", "Recommended sort order when listing schemas"),
    ]),
    _table("tables", "Tables published by this service.", [
        _col("schema_name", "char", "Fully qualified schema name", ucd="meta.id"),
        _col("table_name", "char", "Fully qualified table name", ucd="meta.id;meta.main"),
        _col("table_type", "char", "One of: table, view"),
        _col("utype", "char", "utype of the table"),
        _col("description", "char", "Describes the table"),
        _col("table_index", "int", "Recommended sort order when listing tables"),
    ], {"schema_name": "tap_schema.schemas.schema_name"}),
    _table("columns", "Columns of the published tables.", [
        _col("table_name", "char", "Table name from TAP_SCHEMA.tables", ucd="meta.id"),
        _col("column_name", "char", "Column name", ucd="meta.id;meta.main"),
        _col("datatype", "char", "VOTable datatype of the column"),
        _col("arraysize", "char", "VOTable arraysize of the column"),
        _col("xtype", "char", "DALI xtype of the column"),
        _col("size", "int", "Deprecated: length of variable-length datatypes"),
        _col("description", "char", "Describes the column"),
        _col("utype", "char", "utype of the column"),
        _col("unit", "char", "Unit in VOUnit syntax"),
        _col("ucd", "char", "UCD of the column"),
        _col("indexed", "int", "An indexed column; 1 means 1, 0 means 0"),
        _col("principal", "int", "A principal column; 1 means 1, 0 means 0"),
        _col("std", "int", "A standard column; 1 means 1, 0 means 0"),
        _col("column_index", "int", "Recommended sort order when listing columns"),
    ], {"table_name": "tap_schema.tables.table_name"}),
    _table("keys", "Foreign keys between published tables.", [
        _col("key_id", "char", "Unique key identifier", ucd="meta.id;meta.main"),
        _col("from_table", "char", "Fully qualified table name"),
        _col("target_table", "char", "Fully qualified table name"),
        _col("description", "char", "Description of this key"),
        _col("utype", "char", "Utype of this key"),
    ], {"from_table": "tap_schema.tables.table_name", "target_table": "tap_schema.tables.table_name"}),
    _table("key_columns", "Columns that make up the foreign keys.", [
        _col("key_id", "char", "Key identifier from TAP_SCHEMA.keys", ucd="meta.id"),
        _col("from_column", "char", "Key column name in the from_table"),
        _col("target_column", "char", "Key column name in the target_table"),
    ], {"key_id": "tap_schema.keys.key_id"}),
)


def tap_schema_resource() -> ResourceDescriptor:
    return ResourceDescriptor(
        id=SCHEMA,
        title="Table Access Protocol metadata",
        description="Metadata of every table published by this TAP service (TAP 1.1 TAP_SCHEMA).",
        tables=TABLES,
    )


def foreign_keys(descriptors: Iterable[ResourceDescriptor]) -> list[tuple[str, str, str, str, str]]:
    """(key_id, from_table, from_column, target_table, target_column) for every declared reference."""
    keys = []
    for resource in descriptors:
        for table in resource.tables:
            for index, (column, target) in enumerate(table.references):
                target_table, target_column = target.rsplit(".", 1)
                keys.append((f"{table.qualified_name}_fk{index}", table.qualified_name, column,
                             target_table, target_column))
    return keys


def rows(descriptors: list[ResourceDescriptor]) -> dict[str, list[tuple]]:
    """Rows of each TAP_SCHEMA table, in the column order of TABLES."""
    published = [tap_schema_resource(), *descriptors]
    schemas, tables, columns = [], [], []
    for s_index, resource in enumerate(published):
        schemas.append((resource.id, None, resource.title + ". " + resource.description, s_index))
        for t_index, table in enumerate(resource.tables):
            tables.append((table.schema, table.qualified_name, "table", None, table.description,
                           100 * s_index + t_index))
            for c_index, col in enumerate(table.columns):
                columns.append((
                    table.qualified_name, published_column_name(col.name), col.datatype, col.arraysize, col.xtype, None,
                    col.description, col.utype, col.unit, col.ucd, int(col.indexed),
                    int(col.principal), int(col.std), c_index,
                ))
    keys, key_columns = [], []
    for key_id, from_table, from_column, target_table, target_column in foreign_keys(published):
        keys.append((key_id, from_table, target_table, f"{from_table}.{from_column} refers to "
                     f"{target_table}.{target_column}", None))
        key_columns.append((key_id, from_column, target_column))
    return {"schemas": schemas, "tables": tables, "columns": columns, "keys": keys, "key_columns": key_columns}
