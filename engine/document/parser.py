"""Design Studio source -> `Document`: a hand-written, Liquid-aware HTML tokenizer.

Why not `html.parser`: it decodes entities, lower-cases names, and splits
`{{ "<b>" }}`, `{% if a < b %}` and `:attr="a > b"` in the wrong places. This
parser keeps every byte as written (entities, case, quoting, whitespace), so
`serialize(parse(s)) == s` for well-formed input and every node knows its
line, column and source offsets.

Decisions (the spec leaves them open):
- `{{ ... }}` in element content stays inside the surrounding `Text` node
  (it is inline text); each `{% ... %}` becomes a `Liquid` node, and a whole
  `{% raw %}...{% endraw %}` or `{% comment %}...{% endcomment %}` block is
  one `Liquid` node whose content is never parsed as markup.
- Liquid written among a tag's attributes (`<a {% if x %}class="y"{% endif %}>`)
  becomes an `Attribute` whose `name` is the Liquid verbatim, `value` None
  (`Attribute.is_liquid`).
- Inside quoted attribute values `{{ }}` / `{% %}` are skipped as a unit, so
  `href="{{ url | default: "x" }}"` is one value, as Customer.io accepts it.
- `<script>`, `<style>`, `<textarea>`, `<title>` and any element carrying
  `#is:raw` hold their content as one raw `Text` child (nested same-name tags
  inside an `#is:raw` element are balanced, so its end tag is found).
- `/>` closes every element, not only void ones: the component language is
  written like Vue templates (`<fragment #set:html="x"/>`).
- Optional end tags (`p`, `li`, `td`, `tr`, `option`, `html`, `body`, ...) are
  closed implicitly where a browser would close them. Any other element left
  open, an end tag with nothing to close, an unterminated quote, comment, tag
  or Liquid delimiter is a `Problem` with line and column; `parse` raises
  `ProblemError` with all of them, `parse_with_problems` returns the recovered
  tree too (for the editor's layers panel while the user is typing).
- `${ ... }` interpolation in text is not brace-matched: a `<` followed by a
  letter inside it starts a tag, as in the product.
"""
from __future__ import annotations

import re
from functools import partial

from engine.problems import Problem, ProblemError

from .nodes import Attribute, Comment, Doctype, Document, Element, Liquid, Node, Position, Text

VOID_ELEMENTS = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split()
)
RAW_TEXT_ELEMENTS = frozenset("script style textarea title xmp".split())

# Elements whose end tag HTML lets the author leave out.
OPTIONAL_END = frozenset(
    "p li dt dd td th tr thead tbody tfoot option optgroup colgroup caption rb rt rtc rp html head body".split()
)
_BLOCKS_CLOSING_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section table ul dd dt".split()
)
# Opening tag -> open elements it closes while they are the current element.
_IMPLIED_CLOSE: dict[str, frozenset[str]] = {
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "td": frozenset({"td", "th", "p"}),
    "th": frozenset({"td", "th", "p"}),
    "tr": frozenset({"tr", "td", "th", "p"}),
    "thead": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "p"}),
    "tbody": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "p"}),
    "tfoot": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "p"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
    "body": frozenset({"head"}),
}
_P_ONLY = frozenset({"p"})
# Opening tag -> what it closes: `_IMPLIED_CLOSE`, else `<p>` for block openers (one lookup).
_CLOSES: dict[str, frozenset[str]] = {
    **{name: _P_ONLY for name in _BLOCKS_CLOSING_P},
    **_IMPLIED_CLOSE,
}

_TAG_NAME = re.compile(r"[A-Za-z][^\s/>{}\"'=<]*")
_END_TAG = re.compile(r"</([A-Za-z][^\s/>]*)\s*>")
_SPACE = re.compile(r"[\s/]*")
_ATTR_NAME = re.compile(r"[^\s\"'>/=]+")
_EQ = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>{]+")
_LIQUID_BLOCK = re.compile(r"\{%-?\s*(raw|comment)\s*-?%\}")
_LIQUID_BLOCK_END = {
    "raw": re.compile(r"\{%-?\s*endraw\s*-?%\}"),
    "comment": re.compile(r"\{%-?\s*endcomment\s*-?%\}"),
}
# The common attribute in one match: no Liquid, no `{` in its value.
_ATTR_FAST = re.compile(
    r"""([\s/]*)(?!\{[{%])([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"{]*)"|'([^'{]*)'|([^\s"'>{][^\s>{]*)(?!\{)))?"""
)
# A double-quoted value without `<`, whose braces are whole `{{ }}` / `{% %}` holding no quote or brace.
# Written as runs of plain characters between Liquid pieces ("unrolled"), not one
# alternation per character: the regex engine then takes each run in one step
# (performance: tag values are ~40% of an email's bytes).
_SIMPLE_VALUE = r"""[^"{<]*(?:(?:\{\{[^"{}<]*\}\}|\{%[^"{}<]*%\})[^"{<]*)*"""
_SIMPLE_TAG = re.compile("<([A-Za-z][^\\s/>{}\"'=<]*)((?:\\s+[^\\s\"'>/={}<]+=\"" + _SIMPLE_VALUE + "\")*)>")
# The attributes of a tag `_SIMPLE_TAG` (or `_CONTENT_NEXT`) has read, one by one: their
# values hold no `"` (Liquid pieces in them neither), so the first `"` closes each (performance:
# no second reading of the values' Liquid).
_SIMPLE_ATTR = re.compile("(\\s+)([^\\s\"'>/={}<]+)=\"([^\"]*)\"")
# Where content stops being plain text: a tag, an end tag, `<!`, or Liquid. The
# usual end tag (group 1, as `_END_TAG`) and the usual start tag (groups 2 and
# 3, as `_SIMPLE_TAG`) are read in the same match (performance: one regular
# expression call per tag instead of two).
_CONTENT_NEXT = re.compile(
    "<(?:/([A-Za-z][^\\s/>]*)\\s*>"
    "|([A-Za-z][^\\s/>{}\"'=<]*)((?:\\s+[^\\s\"'>/={}<]+=\"" + _SIMPLE_VALUE + "\")*)>"
    "|[A-Za-z]|/[A-Za-z]|!)|\\{[{%]"
)
_ATTR_PLAIN = re.compile(r'([\s/]*)(?!\{[{%])([^\s"\'>/=]+)="([^"{]*)"')
_new = object.__new__
_TAG_IN_VALUE = re.compile(r"<[/!]?[A-Za-z]")
# Characters that make `serialize_attribute` quote an unquoted value.
_REQUOTED = re.compile(r"[\s\"'=<>`]")
_raw_end_cache: dict[str, re.Pattern] = {}


def _serialize_attribute():
    from .serialize import serialize_attribute  # serialize imports this module

    return serialize_attribute
_raw_tag_cache: dict[str, re.Pattern] = {}


def parse(source: str, *, filename: str = "") -> Document:
    """Parse an email or component source; raise `ProblemError` if the markup is broken."""
    document, problems = parse_with_problems(source, filename=filename)
    if problems:
        raise ProblemError(problems)
    return document


def parse_with_problems(source: str, *, filename: str = "") -> tuple[Document, list[Problem]]:
    """Parse and recover: the best tree we can build plus every problem met on the way."""
    return _Parser(source, filename).run()


def attributes_end(el: Element) -> int | None:
    """Where `el`'s last attribute ends in the parsed source, when the parser noted it (the usual tag).

    Like `start` and `end`, an offset into the source as parsed: the caller
    must know nothing has edited the element's attributes since.
    """
    return el.__dict__.get("_attrs_end")


def flat_nodes(document: Document) -> list[Node] | None:
    """The elements and comments of a parsed `document` in document order, as the parser read them.

    Valid only while nothing has added, removed or moved a node; None for a
    document the parser did not make.
    """
    return document.__dict__.get("_flat")


def parse_round_trip(source: str, *, filename: str = "") -> tuple[Document, list[Problem], bool]:
    """`parse_with_problems` plus whether `serialize(document) == source` is guaranteed.

    Why: transformers rewrite the tree and serialize it, so they must know the
    tree holds every byte. Re-serializing the whole tree to compare costs as
    much as a tenth of the parse; the parser knows the answer already. The
    flag is True when there are no problems and every attribute serializes as
    written: the fast path only accepts values `serialize_attribute` writes
    back unchanged (quoted without `{`, or unquoted without quotes, `=`, `<`,
    `` ` ``), and any other attribute is checked against its source text.
    False means "not guaranteed", not "differs": the caller compares then.
    """
    parser = _Parser(source, filename)
    document, problems = parser.run()
    return document, problems, parser.exact and not problems


class _Fatal(Exception):
    """Stops the scan: nothing sensible can follow (an unterminated quote or comment)."""


class _Parser:
    def __init__(self, source: str, filename: str):
        self.src = source
        self.filename = filename
        self.problems: list[Problem] = []
        self.exact = True  # see `parse_round_trip`
        # Line/column are worked out lazily from this table (see `Position`):
        # most positions are never read, and counting newlines for each node
        # was a fifth of the parse.
        starts = [0]
        at = 0
        for line in source.split("\n")[:-1]:
            at += len(line) + 1
            starts.append(at)
        self.pos = partial(Position._at, starts)
        self._lines = starts  # hot nodes keep only offsets; nodes.py makes `pos` on first read

    def problem(self, message: str, offset: int, rule: str) -> None:
        p = self.pos(offset)
        self.problems.append(Problem(message, p.line, p.column, rule=f"parse/{rule}", file=self.filename))

    def fatal(self, message: str, offset: int, rule: str) -> _Fatal:
        self.problem(message, offset, rule)
        return _Fatal()

    def where(self, offset: int) -> str:
        p = self.pos(offset)
        return f"line {p.line}, column {p.column}"

    # -- driver -----------------------------------------------------------------
    def run(self) -> tuple[Document, list[Problem]]:
        src = self.src
        self.doc = Document(pos=Position(1, 1), source=src, filename=self.filename, start=0, end=len(src))
        # Elements and comments in the order they were read, which is document
        # order: the transformers' element lists start from it (`flat_nodes`).
        self.flat: list[Node] = []
        self.doc.__dict__["_flat"] = self.flat
        self.stack: list[Element] = []
        fatal = False
        try:
            self._content(0)
        except _Fatal:
            fatal = True  # the elements left open are a consequence, not news
        end = len(src)
        for el in reversed(self.stack):
            if not fatal and el.name not in OPTIONAL_END:
                self.problem(f"Unclosed <{el.tag}> opened at {self.where(el.start)}", el.start, "unclosed-tag")
            el.end_tag = ""
            el.end = end
        self.stack.clear()
        self.problems.sort(key=lambda p: (p.line, p.column))
        return self.doc, self.problems

    def _append(self, node: Node) -> None:
        (self.stack[-1] if self.stack else self.doc).children.append(node)

    def _content(self, i: int) -> None:
        src, n = self.src, len(self.src)
        text_start = i
        search = _CONTENT_NEXT.search
        lines, stack, doc = self._lines, self.stack, self.doc
        while i < n:
            m = search(src, i)
            if m is None:
                break
            j = m.start()
            c = src[j]
            if c == "{":
                if src[j + 1] == "{":  # output stays part of the text run
                    close = src.find("}}", j + 2)
                    if close < 0:
                        raise self.fatal(f"Unterminated Liquid output '{{{{' opened at {self.where(j)}", j, "unterminated-liquid")
                    i = close + 2
                    continue
                self._flush_text(text_start, j)
                i = self._liquid_tag(j)
                text_start = i
                continue
            if j > text_start:  # `_flush_text`, inlined: this runs for nearly every tag
                node = _new(Text)
                node.__dict__ = {"_lines": lines, "start": text_start, "end": j, "text": src[text_start:j]}
                (stack[-1] if stack else doc).children.append(node)
            name = m.group(1)
            if name is not None:  # an end tag read whole
                if stack and stack[-1].name == name.lower():
                    # The end tag of the current element: `_end_tag`'s usual case, inlined (performance).
                    el = stack.pop()
                    i = m.end()
                    el.end_tag = src[j:i]
                    el._end_at = j
                    el.end = i
                else:
                    i = self._end_tag(j)
            elif m.group(2) is not None:  # a start tag read whole
                i = self._start_tag(j, m, 2)
            else:
                nxt = src[j + 1]
                if nxt == "/":
                    i = self._end_tag(j)
                elif nxt == "!":
                    i = self._bang(j)
                else:
                    i = self._start_tag(j)
            text_start = i
        self._flush_text(text_start, n)

    def _flush_text(self, a: int, b: int) -> None:
        if b > a:
            node = _new(Text)  # built without __init__: one per text run, thousands per email
            node.__dict__ = {"_lines": self._lines, "start": a, "end": b, "text": self.src[a:b]}
            (self.stack[-1] if self.stack else self.doc).children.append(node)

    # -- Liquid, comments, declarations -----------------------------------------
    def _liquid_tag(self, j: int) -> int:
        src = self.src
        close = src.find("%}", j + 2)
        if close < 0:
            raise self.fatal(f"Unterminated Liquid tag '{{%' opened at {self.where(j)}", j, "unterminated-liquid")
        end = close + 2
        block = _LIQUID_BLOCK.match(src, j)
        if block is not None and block.end() == end:
            kind = block.group(1)
            closing = _LIQUID_BLOCK_END[kind].search(src, end)
            if closing is None:
                raise self.fatal(
                    f"Unterminated Liquid {{% {kind} %}} block opened at {self.where(j)}: no {{% end{kind} %}}",
                    j,
                    "unterminated-liquid",
                )
            end = closing.end()
        node = _new(Liquid)  # as `Liquid(pos=..., text=..., start=j, end=end)`, `pos` made on first read
        node.__dict__ = {"_lines": self._lines, "start": j, "end": end, "text": src[j:end]}
        self._append(node)
        return end

    def _bang(self, j: int) -> int:
        src = self.src
        if src.startswith("<!--", j):
            close = src.find("-->", j + 4)
            if close < 0:
                raise self.fatal(f"Unterminated comment '<!--' opened at {self.where(j)}", j, "unterminated-comment")
            comment = Comment(pos=self.pos(j), text=src[j + 4 : close], start=j, end=close + 3)
            self._append(comment)
            self.flat.append(comment)
            return close + 3
        if src.startswith("<![CDATA[", j):
            close = src.find("]]>", j)
            end = close + 3
        else:
            close = src.find(">", j)
            end = close + 1
        if close < 0:
            raise self.fatal(f"Unterminated declaration '<!' opened at {self.where(j)}", j, "unterminated-tag")
        self._append(Doctype(pos=self.pos(j), text=src[j + 2 : end - 1], start=j, end=end))
        return end

    # -- tags -------------------------------------------------------------------
    def _end_tag(self, j: int) -> int:
        src = self.src
        m = _END_TAG.match(src, j)
        if m is None:  # `</div foo>`: browsers ignore the junk; we keep it in end_tag
            m_name = _TAG_NAME.match(src, j + 2)
            close = src.find(">", m_name.end())
            if close < 0:
                raise self.fatal(f"Unterminated end tag </{m_name.group()} at {self.where(j)}", j, "unterminated-tag")
            name, end = m_name.group(), close + 1
        else:
            name, end = m.group(1), m.end()
        raw = src[j:end]
        lname = name.lower()
        stack = self.stack
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].name == lname:
                break
        else:
            depth = -1
        if depth < 0:
            siblings = stack[-1].children if stack else self.doc.children
            last = siblings[-1] if siblings else None
            if lname in VOID_ELEMENTS and isinstance(last, Element) and last.name == lname and not last.end_tag:
                last.end_tag = raw  # XHTML habit `<img ...></img>`: harmless, keep it for the round trip
                last.end = end
                return end
            self.problem(f"Stray end tag </{name}>: no <{name}> is open here", j, "stray-end-tag")
            return end
        while len(stack) - 1 > depth:
            el = stack.pop()
            if el.name not in OPTIONAL_END:
                self.problem(
                    f"Unclosed <{el.tag}> opened at {self.where(el.start)} (reached </{name}> at {self.where(j)})",
                    el.start,
                    "unclosed-tag",
                )
            el.end_tag = ""
            el.end = j
        el = stack.pop()
        el.end_tag = raw
        el._end_at = j  # `end_pos`, made on first read
        el.end = end
        return end

    def _start_tag(self, j: int, m: re.Match | None = None, group: int = 1) -> int:
        """`m`: a match that read the tag as `_SIMPLE_TAG` does, its name and attributes
        in groups `group` and `group + 1` (`_content`'s own), if there is one."""
        src = self.src
        lines = self._lines
        if m is None:
            m = _SIMPLE_TAG.match(src, j)
        if m is not None:
            # The usual tag, ` name="value"` pairs (see `_SIMPLE_VALUE`), read in one match (performance).
            tag, written = m.group(group, group + 1)
            lname = tag.lower()
            attrs = []
            if written:
                k = j + 1 + len(tag)
                for space, name, value in _SIMPLE_ATTR.findall(written):
                    k += len(space)
                    at = k + len(name) + 2
                    a = _new(Attribute)
                    a.__dict__ = {"name": name, "value": value, "_lines": lines, "_name_at": k, "quote": '"',
                                  "space": space, "eq": "=", "_value_at": at}
                    attrs.append(a)
                    k = at + len(value) + 1
            el = _new(Element)  # `name` cached now it is known (see `Element.name`)
            # `_attrs_end`: the offset after the last attribute, as parsed (`attributes_end`).
            el.__dict__ = {"_lines": lines, "start": j, "end": -1, "tag": tag, "name": lname, "attrs": attrs,
                           "children": [], "self_closing": False, "end_tag": None, "open_tail": "",
                           "_attrs_end": m.end(group + 1)}
            i = m.end()
            raw_marked = "#is:raw" in written
        else:
            m = _TAG_NAME.match(src, j + 1)
            tag = m.group()
            lname = tag.lower()
            el = _new(Element)  # as `Element(pos=..., tag=tag, start=j)`, without __init__'s cost
            el.__dict__ = {"_lines": lines, "start": j, "end": -1, "tag": tag, "name": lname, "attrs": [],
                           "children": [], "self_closing": False, "end_tag": None, "open_tail": ""}
            i = self._attributes(el, m.end(), j)
            raw_marked = any(a.name == "#is:raw" for a in el.attrs)
        void = lname in VOID_ELEMENTS

        stack = self.stack
        closes = _CLOSES.get(lname)
        if closes:
            while stack and stack[-1].name in closes:
                done = stack.pop()
                done.end_tag = ""
                done.end = j
        (stack[-1] if stack else self.doc).children.append(el)
        self.flat.append(el)
        if el.self_closing or void:
            el.end = i
            if void:
                el.end_tag = ""
            return i
        if lname in RAW_TEXT_ELEMENTS:
            return self._raw_text(el, i, nested=False)
        if raw_marked:
            for a in el.attrs:
                if a.name == "#is:raw":
                    return self._raw_text(el, i, nested=True)
        stack.append(el)
        return i

    def _raw_text(self, el: Element, i: int, *, nested: bool) -> int:
        """Take everything up to the matching end tag as one Text child."""
        src = self.src
        lname = el.name
        end_re = _raw_end_cache.get(lname)
        if end_re is None:
            end_re = _raw_end_cache[lname] = re.compile(r"</" + re.escape(lname) + r"\s*>", re.I)
        if not nested:
            m = end_re.search(src, i)
        else:
            tag_re = _raw_tag_cache.get(lname)
            if tag_re is None:
                tag_re = _raw_tag_cache[lname] = re.compile(
                    r"<(/?)" + re.escape(lname) + r"(?=[\s/>])[^>]*?(/?)\s*>", re.I
                )
            depth, k, m = 1, i, None
            while True:
                t = tag_re.search(src, k)
                if t is None:
                    break
                k = t.end()
                if t.group(1):
                    depth -= 1
                    if depth == 0:
                        m = t
                        break
                elif not t.group(2):
                    depth += 1
        if m is None:
            self.problem(f"Unclosed <{el.tag}> opened at {self.where(el.start)}", el.start, "unclosed-tag")
            raise _Fatal()
        if m.start() > i:
            el.children.append(Text(pos=self.pos(i), text=src[i : m.start()], start=i, end=m.start()))
        el.end_tag = m.group()
        el._end_at = m.start()  # `end_pos`, made on first read
        el.end = m.end()
        return m.end()

    def _attributes(self, el: Element, i: int, tag_start: int) -> int:
        """Read attributes up to `>` or `/>`; return the offset after the tag."""
        src, n = self.src, len(self.src)
        attrs = el.attrs
        fast = _ATTR_FAST.match
        plain = _ATTR_PLAIN.match
        lines = self._lines
        while True:
            if i < n and src[i] == ">":  # the tag ends here: the usual way out, no regex needed
                el.open_tail = ""
                return i + 1
            m = plain(src, i)
            if m is not None:  # ` name="value"`, by far the most common: one match, one object
                space, name, value = m.groups()
                if "\n" not in value or name.startswith((":", "#")) or not _TAG_IN_VALUE.search(value):
                    k = i + len(space)
                    a = _new(Attribute)
                    a.__dict__ = {"name": name, "value": value, "_lines": lines, "_name_at": k, "quote": '"',
                                  "space": space, "eq": "=", "_value_at": k + len(name) + 2}
                    attrs.append(a)
                    i = m.end()
                    continue
            m = fast(src, i)
            if m is not None:
                eq = m.group(3)
                if eq is not None or _EQ.match(src, m.end()) is None:
                    name = m.group(2)
                    k = m.start(2)
                    if eq is None:
                        attrs.append(Attribute(name, None, self.pos(k), quote="", space=m.group(1), eq=""))
                        i = m.end()
                        continue
                    value = m.group(4)
                    if value is not None:
                        quote = '"'
                    else:
                        value = m.group(5)
                        quote = "'" if value is not None else ""
                        if value is None:
                            value = m.group(6)
                    if not ("\n" in value and quote and not name.startswith((":", "#")) and _TAG_IN_VALUE.search(value)):
                        if quote:
                            v = m.start(4) if quote == '"' else m.start(5)
                        else:
                            v = m.start(6)
                            if self.exact and _REQUOTED.search(value):
                                self.exact = False  # serialize quotes it
                        attrs.append(
                            Attribute(
                                name, value, self.pos(k), quote=quote, space=m.group(1), eq=eq, value_pos=self.pos(v)
                            )
                        )
                        i = m.end()
                        continue
            ws = _SPACE.match(src, i)
            k = ws.end()
            if k >= n:
                raise self.fatal(
                    f"Unterminated tag <{el.tag}> opened at {self.where(tag_start)}: missing '>'",
                    tag_start,
                    "unterminated-tag",
                )
            c = src[k]
            if c == ">":
                space = src[i:k]
                if space.endswith("/"):
                    el.self_closing = True
                    space = space[:-1]
                el.open_tail = space
                return k + 1
            if c == "{" and k + 1 < n and src[k + 1] in "{%":
                close = src.find("}}" if src[k + 1] == "{" else "%}", k + 2)
                if close < 0:
                    raise self.fatal(
                        f"Unterminated Liquid in <{el.tag}> at {self.where(k)}", k, "unterminated-liquid"
                    )
                attrs.append(Attribute(src[k : close + 2], None, self.pos(k), quote="", space=src[i:k], eq=""))
                i = close + 2
                continue
            m = _ATTR_NAME.match(src, k)
            if m is None:  # a stray quote or `=` where a name should be
                self.problem(f"Unexpected {c!r} in <{el.tag}> at {self.where(k)}", k, "bad-attribute")
                attrs.append(Attribute(c, None, self.pos(k), quote="", space=src[i:k], eq=""))
                i = k + 1
                continue
            name = m.group()
            attr = Attribute(name, None, self.pos(k), quote="", space=src[i:k], eq="")
            attrs.append(attr)
            attr_start = i
            i = m.end()
            eq = _EQ.match(src, i)
            if eq is None:
                continue
            attr.eq = eq.group()
            v = eq.end()
            if v >= n:
                raise self.fatal(f"Unterminated tag <{el.tag}> opened at {self.where(tag_start)}", tag_start, "unterminated-tag")
            q = src[v]
            if q == '"' or q == "'":
                attr.value_pos = self.pos(v + 1)
                close = self._closing_quote(q, v + 1)
                value = src[v + 1 : close] if close >= 0 else ""
                if close < 0 or (
                    not name.startswith((":", "#")) and "\n" in value and _TAG_IN_VALUE.search(value)
                ):
                    raise self.fatal(
                        f"Unterminated {q} quote in attribute {name} of <{el.tag}> at {self.where(v)}",
                        v,
                        "unterminated-quote",
                    )
                attr.quote, attr.value = q, value
                i = close + 1
            else:
                attr.value_pos = self.pos(v)
                end = self._unquoted_end(v)
                attr.value = src[v:end]
                i = end
            if self.exact and _serialize_attribute()(attr) != src[attr_start:i]:
                self.exact = False

    def _closing_quote(self, q: str, i: int) -> int:
        """Offset of the quote closing a value, stepping over `{{ }}` and `{% %}` whole."""
        src = self.src
        while True:
            close = src.find(q, i)
            if close < 0:
                return -1
            brace = src.find("{", i, close)
            while brace >= 0 and src[brace + 1 : brace + 2] not in ("{", "%"):
                brace = src.find("{", brace + 1, close)
            if brace < 0:
                return close
            liquid_end = src.find("}}" if src[brace + 1] == "{" else "%}", brace + 2)
            if liquid_end < 0:
                return close
            i = liquid_end + 2

    def _unquoted_end(self, i: int) -> int:
        src, n = self.src, len(self.src)
        while i < n:
            m = _UNQUOTED.match(src, i)
            if m is not None:
                i = m.end()
            if i < n and src[i] == "{":
                kind = src[i + 1 : i + 2]
                if kind in ("{", "%"):
                    close = src.find("}}" if kind == "{" else "%}", i + 2)
                    if close >= 0:
                        i = close + 2
                        continue
                i += 1
                continue
            break
        return i
