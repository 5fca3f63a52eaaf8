"""Tokenizer: turns query text into tokens with their offsets, in one pass of one regular expression."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ADQLSyntaxError, line_column

IDENT = "ident"          # regular identifier or keyword; ``upper`` holds the upper-cased text
QUOTED = "quoted"        # delimited identifier, value unescaped
STRING = "string"        # character string literal, value unescaped
INTEGER = "integer"      # unsigned decimal
NUMBER = "number"        # exact numeric with a period, or approximate numeric
HEX = "hex"              # hexadecimal literal 0x...
OP = "op"                # operator or punctuation
EOF = "eof"

_TOKEN_RE = re.compile(r"""
    (?P<ws>\s+|--[^\n]*)
  | (?P<hex>0[xX][0-9a-fA-F]+)
  | (?P<number>(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)
  | (?P<integer>\d+)
  | (?P<ident>[A-Za-z][A-Za-z0-9_]*)
  | (?P<quoted>"(?:[^"]|"")*")
  | (?P<string>'(?:[^']|'')*')
  | (?P<op><>|!=|<=|>=|\|\||[=<>+\-*/(),.&|^~;])
""", re.VERBOSE)


@dataclass(slots=True)
class Token:
    kind: str
    value: str
    upper: str
    pos: int


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` ending with an EOF token; raises ADQLSyntaxError on a stray character."""
    tokens: list[Token] = []
    append = tokens.append
    pos = 0
    previous_end = 0
    end = len(text)
    match = _TOKEN_RE.match
    while pos < end:
        m = match(text, pos)
        if m is None:
            _raise_bad_character(text, pos)
        kind = m.lastgroup
        value = m.group()
        if kind == "ws":
            pos = m.end()
            continue
        if kind == IDENT:
            append(Token(IDENT, value, value.upper(), pos))
        elif kind == STRING:
            body = value[1:-1].replace("''", "'")
            if tokens and tokens[-1].kind == STRING:
                tokens[-1] = _continued(text, tokens[-1], body, previous_end, pos)
            else:
                append(Token(STRING, body, "", pos))
        elif kind == QUOTED:
            body = value[1:-1].replace('""', '"')
            if not body:
                raise _error(text, pos, "a delimited identifier cannot be empty")
            append(Token(QUOTED, body, "", pos))
        else:
            append(Token(kind, value, value, pos))
        pos = previous_end = m.end()
        if kind in (INTEGER, NUMBER, HEX) and pos < end and (text[pos].isalnum() or text[pos] == "_"):
            raise _error(text, pos, f"a number must be followed by a separator, found {text[pos]!r}")
    append(Token(EOF, "", "", end))
    return tokens


def _continued(text: str, first: Token, body: str, gap_start: int, pos: int) -> Token:
    """One literal from two: SQL-92 (5.3, syntax rules 1 and 3), which ADQL 2.1 follows for separators,
    joins character string literals whose separator (spaces, comments) holds a newline."""
    gap = text[gap_start:pos]
    if "\n" not in gap and "\r" not in gap:
        raise _error(text, pos, "a string literal continues only on the next line;"
                                " use || to join strings on one line")
    return Token(STRING, first.value + body, "", first.pos)


def _raise_bad_character(text: str, pos: int) -> None:
    char = text[pos]
    if char == "'":
        raise _error(text, pos, "unterminated string literal (missing closing ')")
    if char == '"':
        raise _error(text, pos, 'unterminated delimited identifier (missing closing ")')
    if char == "_":
        raise _error(text, pos, "an identifier must start with a letter (use double quotes for other names)")
    raise _error(text, pos, f"unexpected character {char!r}")


def _error(text: str, pos: int, message: str) -> ADQLSyntaxError:
    line, column = line_column(text, pos)
    return ADQLSyntaxError(message, line, column)
