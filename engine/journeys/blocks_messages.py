"""Message blocks (spec §8.1, §8.2): the channel content on top of the shared message settings.

Email content lives in Design Studio: the block only links an email by
`email_id` (or, in portable files, by its `email` name — the sample generator
and importers swap it for the id). Other channels are small enough to be
written in the block itself. Liquid is kept as text; rendering is not the
model's business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from engine.journeys.block_base import SENDING_LABELS, DataSettings, Issue, MessageSettings, register
from engine.journeys.errors import join
from engine.journeys.records import ANY, BOOL, INT, STR, ListOf, Nested, Optional, Record, setting
from engine.journeys.values import Duration

HTTP_METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")
IN_APP_DISPLAYS = ("modal", "overlay", "inline", "tooltip")
_URL = re.compile(r"^(https?://\S+|\{\{.+\}\}\S*)$")


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


@register("email", "Email", "Messages", "mdi6.email-outline", description="Send an email designed in Design Studio.")
@dataclass
class EmailSettings(MessageSettings):
    CHANNEL = "email"
    email_id: int | None = setting(Optional(INT), None)
    email: str | None = setting(Optional(STR), None)  # portable reference by name
    subject_override: str | None = setting(Optional(STR), None)

    def missing(self) -> list[str]:
        return [] if self.email_id is not None or not _blank(self.email) else ["Choose an email"]


@register("push", "Push notification", "Messages", "mdi6.bell-ring-outline")
@dataclass
class PushSettings(MessageSettings):
    CHANNEL = "push"
    title: str = setting(STR, "")
    body: str = setting(STR, "")
    link: str = setting(STR, "")
    image_url: str = setting(STR, "")
    data: dict = setting(ANY, factory=dict)

    def missing(self) -> list[str]:
        return ["Write the notification"] if _blank(self.body) and _blank(self.title) else []


@register("sms", "SMS", "Messages", "mdi6.message-text-outline")
@dataclass
class SmsSettings(MessageSettings):
    CHANNEL = "sms"
    body: str = setting(STR, "")
    media_url: str = setting(STR, "")

    def missing(self) -> list[str]:
        return ["Write the text message"] if _blank(self.body) else []


@dataclass
class PageRule(Record):
    """Show on pages matching `pattern` (`*` wildcards, Liquid allowed), or never on them."""

    pattern: str = setting(STR)
    rule: str = setting(STR, "include", choices=[("include", "Show on"), ("exclude", "Never show on")])


@register("in_app", "In-app message", "Messages", "mdi6.application-outline")
@dataclass
class InAppSettings(MessageSettings):
    CHANNEL = "in_app"
    display: str = setting(STR, "modal", choices=[(d, d.capitalize()) for d in IN_APP_DISPLAYS])
    position: str = setting(STR, "")
    title: str = setting(STR, "")
    body: str = setting(STR, "")
    priority: int = setting(INT, 0)
    page_rules: list[PageRule] = setting(ListOf(Nested(PageRule)), factory=list)
    expiration: Duration = setting(Nested(Duration), factory=lambda: Duration(30, "days"))
    persistent: bool = setting(BOOL, False)

    def missing(self) -> list[str]:
        return ["Write the in-app message"] if _blank(self.body) else []

    def content_problems(self, path: str) -> list[Issue]:
        out: list[Issue] = []
        if self.display not in IN_APP_DISPLAYS:
            out.append((join(path, "display"), f"unknown display {self.display!r} (use {', '.join(IN_APP_DISPLAYS)})"))
        out += self.expiration.problems(join(path, "expiration"))
        if self.expiration.unit in ("days", "weeks") and self.expiration.seconds > 60 * 86400:
            out.append((join(path, "expiration"), "in-app messages expire after 60 days at most"))
        for i, rule in enumerate(self.page_rules):
            if rule.rule not in ("include", "exclude"):
                out.append((join(join(path, "page_rules"), i) + ".rule", "must be 'include' or 'exclude'"))
        return out


@register("inbox", "Inbox message", "Messages", "mdi6.inbox-arrow-down-outline")
@dataclass
class InboxSettings(MessageSettings):
    CHANNEL = "inbox"
    inbox_type: str = setting(STR, "")
    title: str = setting(STR, "")
    body: str = setting(STR, "")
    link: str = setting(STR, "")
    topics: list[str] = setting(ListOf(STR), factory=list)
    expiration: Duration = setting(Nested(Duration), factory=lambda: Duration(60, "days"))
    payload: dict = setting(ANY, factory=dict)

    def missing(self) -> list[str]:
        return ["Write the inbox message"] if _blank(self.title) and _blank(self.body) and not self.payload else []

    def content_problems(self, path: str) -> list[Issue]:
        return self.expiration.problems(join(path, "expiration"))


@register("slack", "Slack message", "Messages", "mdi6.slack", webhook_campaigns=True)
@dataclass
class SlackSettings(MessageSettings):
    """Slack ignores subscriptions and never converts (§8.1), but keeps the shared fields for uniformity."""

    CHANNEL = "slack"
    channel: str = setting(STR, "")
    text: str = setting(STR, "")

    def missing(self) -> list[str]:
        out = []
        if _blank(self.channel):
            out.append("Choose a Slack channel")
        if _blank(self.text):
            out.append("Write the Slack message")
        return out


@register("whatsapp", "WhatsApp message", "Messages", "mdi6.whatsapp")
@dataclass
class WhatsAppSettings(MessageSettings):
    CHANNEL = "whatsapp"
    template: str = setting(STR, "")
    language: str = setting(STR, "")
    variables: dict = setting(ANY, factory=dict)

    def missing(self) -> list[str]:
        return ["Choose a WhatsApp template"] if _blank(self.template) else []


@dataclass
class Header(Record):
    name: str = setting(STR)
    value: str = setting(STR, "")


@dataclass
class ResponseMapping(Record):
    """Copy `source` of the response (`response.items[0].id`, Liquid allowed) into an attribute."""

    source: str = setting(STR)
    target: str = setting(STR)
    scope: str = setting(STR, "customer", choices=[("customer", "Person"), ("journey", "Journey")])


@register("webhook", "Send and receive data", "Messages", "mdi6.webhook", webhook_campaigns=True,
          description="Call an HTTP endpoint and optionally store values from its response.")
@dataclass
class WebhookSettings(DataSettings):
    """A webhook action (§8.2). Not a `MessageSettings`: it bypasses subscriptions and has no opens.

    Sending defaults to Draft, as Customer.io does, so nothing is called before
    the request is reviewed. Waiting is forced on when a response is mapped.
    """

    CHANNEL = "webhook"
    sending: str = setting(STR, "draft", choices=SENDING_LABELS)
    method: str = setting(STR, "POST", choices=[(m, m) for m in HTTP_METHODS])
    url: str = setting(STR, "")
    headers: list[Header] = setting(ListOf(Nested(Header)), factory=lambda: [Header("Content-Type", "application/json")])
    body: str = setting(STR, "")
    body_format: str = setting(STR, "json", choices=[("json", "JSON"), ("form", "Form (x-www-form-urlencoded)")])
    response_mapping: list[ResponseMapping] = setting(ListOf(Nested(ResponseMapping)), factory=list)
    wait_before_continuing: bool = setting(BOOL, False)
    track_conversions: bool = setting(BOOL, False)

    @property
    def waits(self) -> bool:
        return self.wait_before_continuing or bool(self.response_mapping)

    def missing(self) -> list[str]:
        return ["Enter the request URL"] if _blank(self.url) else []

    def content_problems(self, path: str) -> list[Issue]:
        out: list[Issue] = []
        if self.method not in HTTP_METHODS:
            out.append((join(path, "method"), f"unknown method {self.method!r} (use {', '.join(HTTP_METHODS)})"))
        if not _blank(self.url) and not _URL.match(self.url.strip()):
            out.append((join(path, "url"), f"{self.url!r} is not an http(s) URL"))
        if self.body_format not in ("json", "form"):
            out.append((join(path, "body_format"), "must be 'json' or 'form'"))
        for i, header in enumerate(self.headers):
            if _blank(header.name):
                out.append((join(join(path, "headers"), i) + ".name", "a header needs a name"))
        for i, mapping in enumerate(self.response_mapping):
            where = join(join(path, "response_mapping"), i)
            if mapping.scope not in ("customer", "journey"):
                out.append((join(where, "scope"), "must be 'customer' or 'journey'"))
            if _blank(mapping.source) or _blank(mapping.target):
                out.append((where, "a response mapping needs a source and a target"))
        return out
