"""Rendering flow replies into Telegram payloads: keyboards, callback data, valid HTML."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from bot.domain.models import AttachmentKind
from bot.flows.output import Button, KeyButton, Msg, Reply
from bot.handlers.render import MAX_CALLBACK_BYTES, Renderer
from bot.i18n import default_translator
from tests.unit.test_intake_flow import (
    DRAFT_SEQUENCE,
    EDIT_GROUPS,
    Conversation,
    answer,
    command,
    contact,
    media,
    press,
    reach,
    sticker,
    text,
)

RENDERER = Renderer(default_translator())
#: The handler's prefix ("in:<seq>:") with a generous seq.
PREFIX = "in:9999999:"


# ---- a validator for Telegram's HTML parse mode ---------------------------------------------

ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "code", "pre", "a"})
_ENTITY_OK = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
_TAG_OK = re.compile(r"</?[a-z]+(?:\s[^<>]*)?>")


class _TelegramHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> is not supported")
        if tag == "a":
            if [name for name, _ in attrs] != ["href"]:
                self.errors.append(f"<a> needs exactly an href: {attrs}")
        elif attrs and not (tag in {"code", "pre"} and [n for n, _ in attrs] == ["class"]):
            self.errors.append(f"<{tag}> takes no attributes: {attrs}")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_comment(self, data: str) -> None:
        self.errors.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.errors.append("declaration")

    def handle_pi(self, data: str) -> None:
        self.errors.append("processing instruction")


def html_errors(text: str) -> list[str]:
    """Why Telegram would reject `text` in HTML parse mode (empty when it is fine)."""
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    errors = list(parser.errors)
    if parser.stack:
        errors.append(f"unclosed {parser.stack}")
    for index, char in enumerate(text):
        if char == "&" and not _ENTITY_OK.match(text, index):
            errors.append(f"bare & at {index}")
        if char == "<" and not _TAG_OK.match(text, index):
            errors.append(f"bare < at {index}")
    return errors


@pytest.mark.parametrize(
    "bad",
    [
        "<b>open",
        "close</b>",
        "<b><i>x</b></i>",
        "<script>x</script>",
        "<br/>",
        "<b class='x'>x</b>",
        "<a>link</a>",
        "Tom & Jerry",
        "a < b",
        "&nbsp;",
        "<!-- no -->",
    ],
)
def test_the_html_validator_rejects_what_telegram_rejects(bad: str) -> None:
    assert html_errors(bad)


@pytest.mark.parametrize(
    "good",
    [
        "",
        "plain 文本",
        "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <code>c</code>",
        '<pre><code class="language-python">x</code></pre>',
        '<a href="https://t.me/x?a=1&amp;b=2">link</a>',
        "&lt;b&gt; &amp; &quot; &#8206; &#x27;",
    ],
)
def test_the_html_validator_accepts_valid_telegram_html(good: str) -> None:
    assert html_errors(good) == []


# ---- payloads -------------------------------------------------------------------------------


def test_payload_with_inline_buttons() -> None:
    reply = Reply(
        parts=(Msg("intake-progress", {"step": 1, "total": 9}), Msg("intake-ask-type")),
        buttons=(
            (Button(Msg("dispute-type-wages"), "type:wages"), Button("广州市 & 深圳", "city:x")),
            (Button(Msg("button-cancel"), "cancel"),),
        ),
    )
    payload = RENDERER.payload("zh", reply, "in:5:")
    assert payload == {
        "text": "<i>第 1 步，共 9 步</i>\n请问是什么纠纷？",
        "parse_mode": "HTML",
        "inline_keyboard": [
            [
                {"text": "拖欠工资 / 劳动纠纷", "callback_data": "in:5:type:wages"},
                # A place name label is plain text: shown as it is, not HTML-escaped.
                {"text": "广州市 & 深圳", "callback_data": "in:5:city:x"},
            ],
            [{"text": "✖️ 取消", "callback_data": "in:5:cancel"}],
        ],
    }


def test_payload_with_a_contact_request_keyboard() -> None:
    reply = Reply(
        parts=(Msg("intake-ask-phone"),),
        keyboard=(
            (KeyButton(Msg("button-share-contact"), request_contact=True),),
            (KeyButton(Msg("button-back")), KeyButton(Msg("button-cancel"))),
        ),
    )
    payload = RENDERER.payload("zh", reply, "in:5:")
    assert "inline_keyboard" not in payload
    assert payload["keyboard"] == [
        [{"text": "📱 发送我的手机号", "request_contact": True}],
        [
            {"text": "⬅️ 返回", "request_contact": False},
            {"text": "✖️ 取消", "request_contact": False},
        ],
    ]


def test_payload_removing_the_keyboard() -> None:
    reply = Reply(
        parts=(Msg("intake-phone-saved", {"phone": "138****8000"}),), remove_keyboard=True
    )
    assert RENDERER.payload("zh", reply, "in:5:") == {
        "text": "已记录手机号：138****8000",
        "parse_mode": "HTML",
        "remove_keyboard": True,
    }


def test_payload_without_any_keyboard() -> None:
    payload = RENDERER.payload("zh", Reply(parts=(Msg("idle-hint"),)), "in:5:")
    assert set(payload) == {"text", "parse_mode"}


def test_callback_data_may_use_exactly_64_bytes() -> None:
    action = "x" * (MAX_CALLBACK_BYTES - len(PREFIX))
    reply = Reply(parts=(Msg("idle-hint"),), buttons=((Button("ok", action),),))
    payload = RENDERER.payload("zh", reply, PREFIX)
    assert len(payload["inline_keyboard"][0][0]["callback_data"].encode()) == 64


@pytest.mark.parametrize(
    "action",
    [
        "x" * (MAX_CALLBACK_BYTES - len(PREFIX) + 1),
        "广" * 19,  # 19 characters, but 57 bytes in UTF-8: with the prefix over 64
    ],
)
def test_too_long_callback_data_raises(action: str) -> None:
    reply = Reply(parts=(Msg("idle-hint"),), buttons=((Button("ok", action),),))
    with pytest.raises(ValueError, match="64 bytes"):
        RENDERER.payload("zh", reply, PREFIX)


def test_nested_messages_are_rendered_and_user_text_escaped() -> None:
    reply = Reply(
        parts=(
            Msg(
                "intake-phone-saved",
                {"phone": Msg("dispute-type-rent")},  # a nested message is markup...
            ),
            Msg("intake-phone-saved", {"phone": "<b>王</b> & 李"}),  # ...user text is not
        )
    )
    text = RENDERER.payload("zh", reply, "in:1:")["text"]
    assert text == "已记录手机号：店铺租金 / 租赁纠纷\n已记录手机号：&lt;b&gt;王&lt;/b&gt; &amp; 李"


def test_language_prompt_renders_each_line_in_its_own_language() -> None:
    conversation = reach("language")
    (reply,) = conversation.result.replies
    lines = RENDERER.payload("zh", reply, PREFIX)["text"].split("\n")
    translator = default_translator()
    assert lines == [translator(locale, "language-prompt") for locale in ("zh", "bo", "ug")]
    labels = [row[0]["text"] for row in RENDERER.payload("zh", reply, PREFIX)["inline_keyboard"]]
    assert labels == [
        "✓ 中文",
        translator("bo", "language-name"),
        translator("ug", "language-name"),
    ]


# ---- every reply of the intake --------------------------------------------------------------


def _all_intake_replies() -> list[tuple[str, Reply]]:
    """Every prompt of every state, plus the other replies of a long, busy conversation."""
    replies: list[tuple[str, Reply]] = []
    for state in ("language", "consent", *DRAFT_SEQUENCE, "confirm_restart"):
        replies += [(state, reply) for reply in reach(state).result.replies]

    # A conversation that sends hostile text everywhere and touches every branch.
    hostile = '<script>alert("x")</script> & <b>bold</b> &amp; \u202e'
    short = "<b>&amp;</b> & <"  # fits the name and place limits
    conversation = Conversation()
    script = [
        command("start"),
        press("lang:zh"),
        press("consent:maybe"),
        press("consent:yes"),
        press("back"),
        press("type:wages"),
        text(short + "广州"),
        text(short + "化隆"),
        text(short + "马晓明"),
        contact("13800138000", owner=1),
        text("13800138000"),
        text(short + "王老板"),
        press("role:employer"),
        text("020-12345678"),
        press("done"),
        text(hostile * 10),
        text(hostile),
        media(AttachmentKind.PHOTO, "p1", caption=hostile),
        sticker(),
        press("done"),
        text("1.5万"),
        text("12"),
        press("danger:yes"),
        text(short + "结清"),
        command("start"),
        press("restart:no"),
        command("language"),
        press("lang:zh"),
        command("help"),
        command("nope"),
    ]
    for given in script:
        conversation.send(given)
        replies += [(conversation.state, reply) for reply in conversation.result.replies]
    assert conversation.state == "summary"
    for group in EDIT_GROUPS:
        conversation.send(press(f"edit:{group}"))
        replies += [(conversation.state, reply) for reply in conversation.result.replies]
        while conversation.state != "summary":
            answer(conversation)
            replies += [(conversation.state, reply) for reply in conversation.result.replies]
    conversation.send(press("cancel"))
    replies += [("idle", reply) for reply in conversation.result.replies]
    declined = reach("consent")
    declined.send(press("consent:no"))
    replies += [("declined", reply) for reply in declined.result.replies]
    return replies


ALL_REPLIES = _all_intake_replies()


def test_the_collection_covers_every_state_and_many_replies() -> None:
    states = {state for state, _ in ALL_REPLIES}
    assert {"language", "consent", "confirm_restart", "idle", "declined"} <= states
    assert set(DRAFT_SEQUENCE) <= states
    message_ids = {part.id for _, reply in ALL_REPLIES for part in reply.parts}
    assert {
        "intake-emergency",
        "intake-story-received",
        "intake-phone-saved",
        "intake-contact-not-yours",
        "intake-cancelled",
        "consent-declined",
        "help-text",
        "unknown-command",
    } <= message_ids


@pytest.mark.parametrize(
    ("state", "reply"),
    ALL_REPLIES,
    ids=[f"{state}-{'+'.join(p.id for p in reply.parts)}" for state, reply in ALL_REPLIES],
)
def test_every_intake_reply_renders_to_valid_telegram_html(state: str, reply: Reply) -> None:
    payload = RENDERER.payload("zh", reply, PREFIX)
    assert html_errors(payload["text"]) == []
    assert payload["text"].strip()
    assert "<script>" not in payload["text"]
    for row in payload.get("inline_keyboard", []):
        for button in row:
            assert button["text"].strip()
            assert button["callback_data"].startswith(PREFIX)
            assert len(button["callback_data"].encode()) <= MAX_CALLBACK_BYTES
    for row in payload.get("keyboard", []):
        for key in row:
            assert key["text"].strip()


def test_summary_with_hostile_answers_is_escaped() -> None:
    conversation = reach("summary")
    conversation.send(press("edit:you"))
    conversation.send(text("<b>&amp;</b> & <马晓明"))
    conversation.send(text("13800138000"))
    conversation.send(press("edit:story"))
    conversation.send(text('<script>alert("x")</script> \u202e<a href="x">'))
    conversation.send(press("done"))
    conversation.send(press("edit:outcome"))
    conversation.send(text("</i></b>还钱"))
    assert conversation.state == "summary"
    rendered = RENDERER.payload("zh", conversation.last, PREFIX)["text"]
    assert html_errors(rendered) == []
    assert "姓名：&lt;b&gt;&amp;amp;&lt;/b&gt; &amp; &lt;马晓明\n" in rendered
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &lt;a href="x"&gt;' in rendered
    assert "希望的结果：&lt;/i&gt;&lt;/b&gt;还钱\n" in rendered
    assert "\u202e" not in rendered


#: Telegram's limit for a message text (counted after entities are parsed).
MAX_MESSAGE_CHARS = 4096


def _visible_length(html_text: str) -> int:
    """Length Telegram counts: tags dropped, entities as one character, in UTF-16 units."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", html_text))
    return len(plain.encode("utf-16-le")) // 2


def test_summary_of_long_ordinary_answers_fits_one_message() -> None:
    conversation = reach("summary")
    conversation.send(press("edit:outcome"))
    conversation.send(text("还" * 1000))
    conversation.send(press("edit:story"))
    conversation.send(text("&" * 2000))
    conversation.send(press("done"))
    assert conversation.state == "summary"
    rendered = RENDERER.payload("zh", conversation.last, PREFIX)["text"]
    assert _visible_length(rendered) <= MAX_MESSAGE_CHARS


@pytest.mark.parametrize(
    "outcome",
    ["还" + "<" * 999, "还" + "&" * 999, "还钱" * 200 + "<" * 600],
    ids=["lt", "amp", "mixed"],
)
def test_summary_renders_a_maximal_outcome_full_of_markup_characters(outcome: str) -> None:
    conversation = reach("summary")
    conversation.send(press("edit:outcome"))
    conversation.send(text(outcome))
    assert conversation.state == "summary"
    rendered = RENDERER.payload("zh", conversation.last, PREFIX)["text"]
    assert "{???}" not in rendered
    assert "希望的结果：还" in rendered
    assert _visible_length(rendered) <= MAX_MESSAGE_CHARS


def test_summary_fits_one_message_even_with_combining_mark_floods() -> None:
    conversation = reach("summary")
    conversation.send(press("edit:outcome"))
    conversation.send(text(("a" + "\u0301\u0302\u0303\u0304\u0306" * 4) * 1000))
    rendered = RENDERER.payload("zh", conversation.last, PREFIX)["text"]
    if conversation.state == "summary":  # accepted: then it must be shown
        assert "希望的结果：" in rendered
        assert _visible_length(rendered) <= MAX_MESSAGE_CHARS
