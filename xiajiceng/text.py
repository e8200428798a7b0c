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

from xiajiceng import messages as M

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


# East Asian Wide and Fullwidth characters (Unicode's EastAsianWidth W and F, as Python's
# unicodedata has them; unassigned code points fall where they may): two columns each
_WIDE = re.compile(
    "["
    "\u1100-\u115f\u231a-\u231b\u2329-\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd-\u25fe"
    "\u2614-\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa-\u26ab\u26bd-\u26be\u26c4-\u26c5"
    "\u26ce\u26d4\u26ea\u26f2-\u26f3\u26f5\u26fa\u26fd\u2705\u270a-\u270b\u2728\u274c"
    "\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b-\u2b1c\u2b50\u2b55"
    "\u2e80-\u303e\u3041-\u3247\u3250-\u4dbf\u4e00-\ua4c6\ua960-\ua97c\uac00-\ud7a3"
    "\uf900-\ufad9\ufe10-\ufe19\ufe30-\ufe6b\uff01-\uff60\uffe0-\uffe6"
    "\U00016fe0-\U0001b2fb\U0001f004\U0001f0cf\U0001f18e\U0001f191-\U0001f19a"
    "\U0001f200-\U0001f320\U0001f32d-\U0001f335\U0001f337-\U0001f37c\U0001f37e-\U0001f393"
    "\U0001f3a0-\U0001f3ca\U0001f3cf-\U0001f3d3\U0001f3e0-\U0001f3f0\U0001f3f4"
    "\U0001f3f8-\U0001f43e\U0001f440\U0001f442-\U0001f4fc\U0001f4ff-\U0001f53d"
    "\U0001f54b-\U0001f54e\U0001f550-\U0001f567\U0001f57a\U0001f595-\U0001f596\U0001f5a4"
    "\U0001f5fb-\U0001f64f\U0001f680-\U0001f6c5\U0001f6cc\U0001f6d0-\U0001f6d2"
    "\U0001f6d5-\U0001f6df\U0001f6eb-\U0001f6ec\U0001f6f4-\U0001f6fc\U0001f7e0-\U0001f7f0"
    "\U0001f90c-\U0001f93a\U0001f93c-\U0001f945\U0001f947-\U0001f9ff\U0001fa70-\U0001faf6"
    "\U00020000-\U0002fffd\U00030000-\U0003fffd]"
)


def display_width(text: str) -> int:
    """The terminal cells text takes: East Asian wide and full-width characters count two,
    everything else one. The one measure of width in xjc: the plain report's columns, the
    timeline's labels and the ledger's column widths and row heights all use it."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


# -- line breaking -----------------------------------------------------------------------------

# Chinese line-breaking rules (禁则): these never begin a line (closing punctuation, marks that
# end a clause, a unit sign) and these never end one (opening brackets and quotes).
NO_LINE_START = frozenset("。，、；：？！）》」』】〕〉”’…％%,.;:?!)]}·")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")


def _joined(prev: str, ch: str) -> bool:
    """Whether no line may break between prev and ch: inside a Latin word or a number,
    between a number and the unit after it (4条, 3个, 8%), inside a date (3月31日), before
    closing punctuation, after opening punctuation."""
    if ch in NO_LINE_START or prev in NO_LINE_END:
        return True
    if prev in "年月" and ch.isdigit():  # a date: 2023年3月31日
        return True
    if prev.isascii() and prev.isalnum():
        return (ch.isascii() and ch.isalnum()) or (prev.isdigit() and not ch.isspace())
    return prev.isdigit() and not ch.isspace()  # a full-width digit and its unit


def line_ends(text: str, width: int, indent: int = 0) -> list[int]:
    """Where a one-line text breaks to fit `width` terminal cells, as the end offset of each
    line (the last is len(text)); lines after the first have `indent` cells fewer. Breaks
    fall only where Chinese typesetting allows one (see `_joined`); a stretch that cannot
    break and is wider than a whole line is cut at the width. Display-width aware."""
    ends: list[int] = []
    start, used, last_break = 0, 0, -1
    room = max(width, 2)
    for i, ch in enumerate(text):
        if i > start and not _joined(text[i - 1], ch):
            last_break = i
        w = display_width(ch)
        if used + w > room and i > start:
            cut = last_break if last_break > start else i
            ends.append(cut)
            start = cut
            used = display_width(text[cut:i])
            last_break = -1
            room = max(width - indent, 2)
        used += w
    ends.append(len(text))
    return ends


def wrap(text: str, width: int, indent: int = 0) -> list[str]:
    """text as lines of at most `width` cells (`width - indent` after the first), broken
    where Chinese typesetting allows; trailing spaces of a broken line are dropped."""
    out, start = [], 0
    for end in line_ends(text, width, indent):
        out.append(text[start:end].rstrip(" ") if end < len(text) else text[start:end])
        start = end
    return out


KIB, MIB = 1024, 1024 * 1024


def size_text(n: int) -> str:
    """A size as a person reads it: 8 MB, 512 KB, 300 字节."""
    if n >= MIB:
        return f"{n / MIB:.0f} MB" if n % MIB == 0 or n >= 10 * MIB else f"{n / MIB:.1f} MB"
    if n >= KIB:
        return f"{n // KIB} KB"
    return M.SIZE_BYTES.format(n=n)
