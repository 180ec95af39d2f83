"""Long texts cut into messages Telegram accepts: at line breaks, never inside markup."""

from __future__ import annotations

import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.handlers.render import MAX_TEXT_UNITS, split_payload, split_text, utf16_len
from bot.telegram.emulator import parse_formatted_text

KEYBOARD = [[{"text": "提交", "callback_data": "in:1:submit"}]]
_TAG = regex.compile(r"<[^<>]*>")


def parses(part: str) -> bool:
    """Whether Telegram's HTML parser (as the emulator has it) accepts the part."""
    parse_formatted_text(part, "HTML")
    return True


def dropped_only_newlines(original: str, parts: list[str]) -> bool:
    """The parts, joined, are the original with at most one line break dropped per cut."""
    joined = "".join(parts)
    i = j = dropped = 0
    while i < len(original):
        if j < len(joined) and original[i] == joined[j]:
            i += 1
            j += 1
        elif original[i] == "\n":
            i += 1
            dropped += 1
        else:
            return False
    return j == len(joined) and dropped <= len(parts) - 1


def test_short_text_is_one_message() -> None:
    payload = {
        "text": "<b>案件编号</b> 2026-000001",
        "parse_mode": "HTML",
        "inline_keyboard": KEYBOARD,
    }
    assert split_payload(payload) == [payload]
    assert split_payload({"message_id": 5}) == [{"message_id": 5}]


def test_lines_are_kept_whole_and_the_break_between_parts_dropped() -> None:
    lines = [f"第 {n} 行：" + "经过" * 100 for n in range(40)]
    text = "\n".join(lines)
    parts = split_text(text)
    assert len(parts) > 1
    assert all(utf16_len(part) <= MAX_TEXT_UNITS for part in parts)
    assert "\n".join(parts) == text
    # Every part is whole lines: a line never continues in the next part.
    assert all(part.split("\n")[0] in lines for part in parts)


def test_a_long_line_is_cut_after_a_space_or_punctuation() -> None:
    words = " ".join(["ئىش ھەققى"] * 1000)
    parts = split_text(words, 500)
    assert all(part.endswith(" ") for part in parts[:-1])
    chinese = "老板拖欠工资三个月，" * 300
    parts = split_text(chinese, 500)
    assert all(part.endswith("，") for part in parts[:-1])
    assert "".join(parts) == chinese


def test_units_are_utf16_and_clusters_stay_whole() -> None:
    family = "👨\u200d👩\u200d👧"  # 8 UTF-16 units, one cluster
    tibetan = "བསྒྲུབས"  # stacked letters: clusters of several code points
    text = (family + tibetan) * 800
    parts = split_text(text, 1000)
    assert all(utf16_len(part) <= 1000 for part in parts)
    assert len(parts) == -(-utf16_len(text) // 1000) or len(parts) > utf16_len(text) // 1000
    assert "".join(parts) == text
    for part in parts:
        assert not part.startswith("\u200d")
        assert regex.match(r"\X", part).group() in (family, *regex.findall(r"\X", tibetan))


def test_tags_and_entities_are_never_cut() -> None:
    text = " ".join(['<b>押金</b> &amp; <a href="https://example.org/?a=1&amp;b=2">合同</a>'] * 200)
    parts = split_text(text, 300)
    for part in parts:
        assert utf16_len(part) <= 300
        assert parses(part)
    assert "".join(parts) == text


def test_an_element_longer_than_a_message_is_closed_and_reopened() -> None:
    text = "<b>标题</b>\n<i>" + "很长的经过。" * 200 + "</i>"
    parts = split_text(text, 300)
    assert len(parts) > 3
    assert all(part.startswith("<i>") and part.endswith("</i>") for part in parts[1:])
    assert all(utf16_len(part) <= 300 and parses(part) for part in parts)
    assert "".join(_TAG.sub("", p) for p in parts) == _TAG.sub("", text).replace("\n", "", 1)


def test_keyboard_only_on_the_last_part() -> None:
    text = "\n".join(["经过：" + "拖欠工资" * 200] * 10)
    payload = {"text": text, "parse_mode": "HTML", "inline_keyboard": KEYBOARD}
    parts = split_payload(payload)
    assert len(parts) >= 2
    assert all(part.keys() == {"text", "parse_mode"} for part in parts[:-1])
    assert parts[-1]["inline_keyboard"] == KEYBOARD
    assert all(part["parse_mode"] == "HTML" for part in parts)
    assert "\n".join(part["text"] for part in parts) == text


def test_blank_parts_are_not_sent() -> None:
    text = "开头" + "\n" * 5000 + "结尾"
    parts = split_payload({"text": text, "parse_mode": "HTML"}, limit=1000)
    assert [part["text"].strip() for part in parts] == ["开头", "结尾"]


def test_plain_text_is_cut_without_markup() -> None:
    text = "<b " * 3000
    parts = split_payload({"text": text}, limit=1000)
    assert all(utf16_len(part["text"]) <= 1000 for part in parts)
    assert "".join(part["text"] for part in parts) == text


# ---- any text ----------------------------------------------------------------------------

TOKENS = [
    "a",
    "Z",
    "7",
    " ",
    " ",
    "\n",
    "\n",
    "工",
    "资",
    "。",
    "，",
    "བཀྲ་",
    "ཤིས།",
    "སྒྲུབ",
    "ئىش",
    "ھەققى",
    "،",
    "😀",
    "👨\u200d👩\u200d👧",
    "🇨🇳",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#128512;",
    '<a href="https://t.me/x?a=1&amp;b=2">',  # opened and closed by the strategy below
]
_plain_tokens = [t for t in TOKENS if not t.startswith("<")]
leaf = st.lists(st.sampled_from(_plain_tokens), max_size=40).map("".join)
code = leaf.map(lambda body: f"<code>{body}</code>")
link = leaf.map(lambda body: f'<a href="https://t.me/x?a=1&amp;b=2">{body}</a>')


def _wrap(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tagged = st.tuples(st.sampled_from(["b", "i", "u", "s"]), inner).map(
        lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0]}>"
    )
    return st.one_of(tagged, st.lists(inner, min_size=1, max_size=5).map("".join))


html_text = st.recursive(st.one_of(leaf, code, link), _wrap, max_leaves=30)


def markup_overhead(text: str) -> int:
    """The most units open tags and their closing tags take at any point of the text."""
    stack: list[str] = []
    most = 0
    for tag in _TAG.findall(text):
        if tag.startswith("</"):
            stack.pop()
        else:
            stack.append(tag)
        most = max(most, sum(utf16_len(t) + len(t.split()[0].strip("<>")) + 3 for t in stack))
    return most


@settings(max_examples=150, deadline=None)
@given(html_text, st.integers(min_value=60, max_value=400))
def test_any_html_text_splits_into_valid_parts(text: str, limit: int) -> None:
    # Nesting so deep that reopening it leaves no room for text does not occur in the
    # bot's messages (a few short tags against 4096 units); such a part may run over.
    assume(markup_overhead(text) + 40 <= limit)
    parts = split_text(text, limit)
    assert all(utf16_len(part) <= limit for part in parts)
    assert all(parses(part) for part in parts if part.strip())
    # Markup aside, nothing is lost or added but the line breaks cut at.
    assert dropped_only_newlines(_TAG.sub("", text), [_TAG.sub("", p) for p in parts])
    # No grapheme cluster (an emoji sequence, a Tibetan stack) is cut in two.
    shown = [_TAG.sub("", p) for p in parts]
    whole = regex.findall(r"\X", "".join(shown))
    assert sum(len(regex.findall(r"\X", p)) for p in shown) == len(whole)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_plain_tokens), max_size=600).map("".join))
def test_text_without_elements_is_exactly_the_parts_and_the_dropped_breaks(text: str) -> None:
    parts = split_text(text, 100)
    assert all(utf16_len(part) <= 100 for part in parts)
    assert dropped_only_newlines(text, parts)
    assert all(parses(part) for part in parts if part.strip())
