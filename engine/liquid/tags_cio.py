"""Customer.io's own tags (A6).

`render_liquid` evaluates a string value as Liquid in the current context;
`random N` gives an integer in [0, N]; the link tags print per-delivery URLs
(see `links.py`). [gap] `countdown` renders an `<img>` pointing at a
countdown-GIF URL that carries the tag's arguments, after checking the
required ones; the real image service is not reproduced offline.
"""
from __future__ import annotations

import random
import re
from typing import Any
from urllib.parse import urlencode

from liquid.ast import Node
from liquid.builtin.expressions.primitive import parse_primitive
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG
from liquid.builtin.expressions import tokenize

from . import links
from .errors import TAG_SYNTAX_HELP, CioRenderError, CioSyntaxError
from .rendering import render_text
from .stringify import to_output

_ARG = re.compile(r"""\s*([A-Za-z_]\w*)\s*[:=]\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,]+)\s*,?""")


def parse_named_args(markup: str, token: Any, tag: str) -> dict[str, str]:
    """`name:value name='value'` pairs; values keep their quotes (see `arg_value`)."""
    args: dict[str, str] = {}
    pos = 0
    markup = markup.strip()
    while pos < len(markup):
        match = _ARG.match(markup, pos)
        if not match:
            raise CioSyntaxError(TAG_SYNTAX_HELP.get(tag, f"Syntax Error in tag '{tag}'"), token=token)
        args[match.group(1)] = match.group(2)
        pos = match.end()
    return args


def arg_value(raw: str, context: Any, token: Any) -> object:
    """A quoted value is text (Liquid inside it is rendered); `true`/`false`
    and numbers are literals; a bare URL is text; anything else is a variable."""
    if raw[:1] in "\"'":
        text = raw[1:-1]
        if "{{" in text or "{%" in text:
            from io import StringIO

            buf = StringIO()
            render_text(text, context, buf, token, isolated=False, what="tag argument")
            return buf.getvalue()
        return text
    if raw in ("true", "false"):
        return raw == "true"
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if "://" in raw or raw.startswith(("/", "#", "mailto:", "tel:")):
        return raw
    expr = parse_primitive(context.env, TokenStream(tokenize(raw, token)))
    return expr.evaluate(context)


def markup_of(stream: TokenStream) -> tuple[Any, str]:
    token = stream.current
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        return token, stream.current.value
    return token, ""


def delivery_id(context: Any) -> str:
    value = context.resolve("delivery_id", default=links.UNSENT)
    return to_output(value) or links.UNSENT


class _OutputNode(Node):
    __slots__ = ("args",)

    def __init__(self, token: Any, args: dict[str, str]):
        super().__init__(token)
        self.args = args
        self.blank = False

    def value(self, context: Any, name: str, default: object = None) -> object:
        raw = self.args.get(name)
        return default if raw is None else arg_value(raw, context, self.token)

    def text(self, context: Any) -> str:
        raise NotImplementedError

    def render_to_output(self, context: Any, buffer: Any) -> int:
        return buffer.write(self.text(context))


class _ArgsTag(Tag):
    block = False
    allowed: tuple[str, ...] = ()
    node_class: type[_OutputNode] = _OutputNode

    def parse(self, stream: TokenStream) -> Node:
        token, markup = markup_of(stream)
        args = parse_named_args(markup, token, self.name)
        unknown = [a for a in args if a not in self.allowed]
        if unknown:
            raise CioSyntaxError(f"Syntax Error in tag '{self.name}' - unknown argument '{unknown[0]}'", token=token)
        self.check(args, token)
        return self.node_class(token, args)

    def check(self, args: dict[str, str], token: Any) -> None:
        return None


class UnsubscribeUrlNode(_OutputNode):
    def text(self, context: Any) -> str:
        lang = self.value(context, "lang")
        return links.unsubscribe_url(delivery_id(context), to_output(lang) or None)


class UnsubscribeUrlTag(_ArgsTag):
    name = "unsubscribe_url"
    allowed = ("lang",)
    node_class = UnsubscribeUrlNode


class UnsubscribeNode(_OutputNode):
    def text(self, context: Any) -> str:
        return f'<a href="{links.unsubscribe_url(delivery_id(context))}">Unsubscribe</a>'


class UnsubscribeTag(_ArgsTag):
    name = "unsubscribe"
    node_class = UnsubscribeNode


class PreferencesUrlNode(_OutputNode):
    def text(self, context: Any) -> str:
        lang = self.value(context, "lang")
        return links.preferences_url(delivery_id(context), to_output(lang) or None)


class PreferencesUrlTag(_ArgsTag):
    name = "manage_subscription_preferences_url"
    allowed = ("lang",)
    node_class = PreferencesUrlNode


class ViewInBrowserNode(_OutputNode):
    def text(self, context: Any) -> str:
        return links.view_in_browser_url(delivery_id(context))


class ViewInBrowserUrlTag(_ArgsTag):
    name = "view_in_browser_url"
    node_class = ViewInBrowserNode


class ViewInBrowserTag(_ArgsTag):
    """[DOC-QUIRK decision] prints the same URL as `view_in_browser_url`."""

    name = "view_in_browser"
    node_class = ViewInBrowserNode


class CioLinkNode(_OutputNode):
    def text(self, context: Any) -> str:
        url = to_output(self.value(context, "url"))
        if self.value(context, "url_params", True) is not False:
            params = []
            for key, template in links.DEFAULT_URL_PARAMS:
                from io import StringIO

                buf = StringIO()
                render_text(template, context, buf, self.token, isolated=False, what="URL parameters")
                params.append((key, buf.getvalue()))
            url = links.append_params(url, params)
        if self.value(context, "track", True) is False:
            return url
        context.state.link_count += 1
        return links.tracked(url, delivery_id(context), context.state.link_count)


class CioLinkTag(_ArgsTag):
    name = "cio_link"
    allowed = ("url", "track", "url_params")
    node_class = CioLinkNode

    def check(self, args: dict[str, str], token: Any) -> None:
        if "url" not in args:
            raise CioSyntaxError(TAG_SYNTAX_HELP["cio_link"], token=token)


class CioLinkIdNode(_OutputNode):
    def text(self, context: Any) -> str:
        context.state.link_count += 1
        return links.link_id(delivery_id(context), context.state.link_count)


class CioLinkIdTag(_ArgsTag):
    name = "cio_link_id"
    node_class = CioLinkIdNode


COUNTDOWN_REQUIRED = ("point", "time", "fg", "bg")
COUNTDOWN_OPTIONAL = ("font", "weight", "locale", "looping", "resolution", "frames")


class CountdownNode(_OutputNode):
    def text(self, context: Any) -> str:
        query = {name: to_output(self.value(context, name)) for name in self.args}
        frames = query.get("frames")
        if frames and (not frames.isdigit() or not 1 <= int(frames) <= 60):
            raise CioRenderError("countdown: frames must be a whole number from 1 to 60", token=self.token)
        src = "https://countdown.customer.io/countdown.gif?" + urlencode(query)
        return f'<img src="{src}" alt="countdown" />'


class CountdownTag(_ArgsTag):
    name = "countdown"
    allowed = COUNTDOWN_REQUIRED + COUNTDOWN_OPTIONAL
    node_class = CountdownNode

    def check(self, args: dict[str, str], token: Any) -> None:
        missing = [a for a in COUNTDOWN_REQUIRED if a not in args]
        if missing:
            raise CioSyntaxError(f"Syntax Error in tag 'countdown' - missing required argument '{missing[0]}'", token=token)


class _ExpressionNode(Node):
    __slots__ = ("expression",)

    def __init__(self, token: Any, expression: Any):
        super().__init__(token)
        self.expression = expression
        self.blank = False

    def expressions(self):  # noqa: D102
        yield self.expression


class RandomNode(_ExpressionNode):
    def render_to_output(self, context: Any, buffer: Any) -> int:
        value = self.expression.evaluate(context)
        try:
            upper = int(str(to_output(value)).strip())
        except ValueError:
            raise CioRenderError(TAG_SYNTAX_HELP["random"], token=self.token) from None
        return buffer.write(str(random.randint(0, max(upper, 0))))


class RenderLiquidNode(_ExpressionNode):
    def render_to_output(self, context: Any, buffer: Any) -> int:
        value = self.expression.evaluate(context)
        text = to_output(value, context.env.latest)
        return render_text(text, context, buffer, self.token, isolated=False, what="render_liquid")


class _ExpressionTag(Tag):
    block = False
    node_class: type[_ExpressionNode] = _ExpressionNode

    def parse(self, stream: TokenStream) -> Node:
        token, markup = markup_of(stream)
        if not markup.strip():
            raise CioSyntaxError(TAG_SYNTAX_HELP[self.name], token=token)
        try:
            tokens = TokenStream(tokenize(markup, stream.current))
            expr = parse_primitive(self.env, tokens)
            tokens.expect_eos()
        except LiquidSyntaxError:
            raise CioSyntaxError(TAG_SYNTAX_HELP[self.name], token=token) from None
        return self.node_class(token, expr)


class RandomTag(_ExpressionTag):
    name = "random"
    node_class = RandomNode


class RenderLiquidTag(_ExpressionTag):
    name = "render_liquid"
    node_class = RenderLiquidNode


CIO_TAGS = (
    UnsubscribeUrlTag,
    UnsubscribeTag,
    PreferencesUrlTag,
    ViewInBrowserUrlTag,
    ViewInBrowserTag,
    CioLinkTag,
    CioLinkIdTag,
    CountdownTag,
    RandomTag,
    RenderLiquidTag,
)
