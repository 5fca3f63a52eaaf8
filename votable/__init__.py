"""VOTable for the data centre: streaming writers, error documents, format names, uploads.

Layer rule: this package never imports vo_service.
"""
from .document import error_document
from .errors import CoercionError, UserFacingError, VOTableError
from .mediatypes import MEDIA_TYPES, content_type, parse_format
from .model import Field, Info, Param
from .upload import UploadedTable, read_table
from .writer import FORMATS, stream

__all__ = [
    "CoercionError", "FORMATS", "Field", "Info", "MEDIA_TYPES", "Param", "UploadedTable",
    "UserFacingError", "VOTableError", "content_type", "error_document", "parse_format", "read_table", "stream",
]
