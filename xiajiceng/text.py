"""Hostile text: which characters count as control characters, and how every output shows them.

A plan folder is shared, so a colleague's commit, a sheet handed back or a command line may
carry characters a terminal obeys rather than shows (ESC starts sequences that write the
clipboard, make links, move the cursor or retitle the window), characters that reorder text
(bidi overrides and isolates), and characters no XML file may hold. xjc refuses them on input
(`first_control`) and, wherever text leaves xjc, shows any already recorded as a visible
escape (`neutralise`): ``\\x1b`` for a code point below 0x100, ``\\u202e`` above.

Control characters here are: C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F), the line and
paragraph separators U+2028 and U+2029, the bidi embeddings and overrides U+202A–U+202E and
isolates U+2066–U+2069, lone surrogates (which no UTF-8 file or terminal can take), and the
non-characters U+FFFE and U+FFFF (which XML cannot hold). Tab and line feed are kept where
text may have several lines (notes, a task's content); everything else in the set is never
legitimate text. Zero-width spaces and joiners are left alone: they do nothing harmful.
"""

from __future__ import annotations

import re

_SET = r"\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
CONTROL = re.compile(rf"[\x00-\x1f{_SET}]")
# the same, but tab and line feed are text (several lines)
CONTROL_IN_LINES = re.compile(rf"[\x00-\x08\x0b-\x1f{_SET}]")
# JSON: what json.dumps(ensure_ascii=False) leaves raw (it escapes U+0000–U+001F itself)
_JSON_RAW = re.compile(rf"[{_SET}]")


def _pattern(lines: bool) -> re.Pattern[str]:
    return CONTROL_IN_LINES if lines else CONTROL


def escape_char(ch: str) -> str:
    """The visible form of one character: \\x1b, \\u202e."""
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def first_control(text: str, lines: bool = True) -> str | None:
    """The first control character in text (tab and line feed count only if not lines)."""
    if text.isprintable():  # the common case, quickly: every control is unprintable
        return None
    found = _pattern(lines).search(text)
    return found.group() if found else None


def neutralise(text: str, lines: bool = True) -> str:
    """Text with every control character shown as its escape; tab and line feed stay when
    lines is true. Text without control characters comes back unchanged."""
    if text.isprintable():
        return text
    return _pattern(lines).sub(lambda m: escape_char(m.group()), text)


def json_safe(text: str) -> str:
    """JSON text with the control characters json.dumps leaves raw as \\uXXXX escapes: the
    same JSON to a parser, nothing a terminal obeys. (They can only stand inside strings.)"""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def markup(text: str) -> str:
    """Text for HTML, SVG or XML content and attribute values: neutralised, then escaped."""
    from html import escape

    return escape(neutralise(text))


def display_width(text: str) -> int:
    """The terminal cells text takes: East Asian wide and full-width characters count two,
    everything else one. The one measure of width in xjc: the plain report's columns, the
    timeline's labels and the ledger's column widths all use it."""
    if text.isascii():
        return len(text)
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)
