"""Cleaning: drop website chrome and pinyin annotations, keep the report text itself exactly.

Every line dropped is kept in `CleanText.removed` with the reason, so nothing an editor might
want disappears silently: the command prints them. Matching happens on a simplified reading of
each line (so `導語:` is caught like `导语:`); the kept text is never converted.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..text import simplified
from .chrome import is_broken_heading
from .line_model import decide


@dataclass(frozen=True)
class Line:
    """One line of the input, with its 1-based number in the decoded file."""

    no: int
    text: str
    """The line without trailing whitespace; leading whitespace is kept (it marks paragraph starts)."""

    @property
    def stripped(self) -> str:
        return self.text.strip(" \t\u3000")

    @property
    def simple(self) -> str:
        """The stripped line in simplified characters, for pattern matching only."""
        return simplified(self.stripped)


@dataclass(frozen=True)
class Removed:
    """A line (or a fragment of one) the importer dropped, and why."""

    no: int
    text: str
    reason: str


@dataclass
class CleanText:
    lines: list[Line]
    """Non-empty lines that survived cleaning."""
    removed: list[Removed] = field(default_factory=list)
    pinyin_removed: int = 0
    """How many pinyin annotations (`總結(jié)` → `總結`) were taken out."""


# -- pinyin annotations -------------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_SYLLABLE = rf"[a-zü{_TONED}]{{1,6}}"
_PINYIN_NOTE = re.compile(rf"(?<=[^\s(（])[(（]({_PINYIN_SYLLABLE}(?: {_PINYIN_SYLLABLE}){{0,3}})[)）]")


@functools.lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    found = set()
    for style in (Style.TONE, Style.NORMAL):
        for group in pinyin(char, style=style, heteronym=True, errors="ignore"):
            found.update(group)
    return frozenset(found)


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove `(jié)` after a character. A toned syllable always goes; a toneless one only when it
    is a reading of the character before it (so `版本(v)` or `科(a)` stay)."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        note = match.group(1)
        if any(c in _TONED for c in note):
            count += 1
            return ""
        char = text[match.start() - 1]
        if "\u3400" <= char <= "\u9fff" and note.split()[0] in _readings(char):
            count += 1
            return ""
        return match.group(0)

    return _PINYIN_NOTE.sub(replace, text), count


# -- website chrome -----------------------------------------------------------------------------

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]", re.I)
_BREADCRUMB = re.compile(r"^(首页|主页|当前位置|您的位置|您现在的位置|位置)\s*[:：]?\s*[>›»/＞]|(\S+\s*[>›»＞]\s*){2,}\S+$")
_BLURB_PREFIX = re.compile(r"^(开篇|导语|前言|摘要|编者按|简介|内容提要|提示)\s*[:：]")
_DISCLOSURE_FIELDS = "索引号|发布机构|公开目录|公开方式|公开范围|主题分类|信息分类|成文日期|发文机关|文号"
"""The fields a government disclosure page's header table gives a document."""
_LABELS = re.compile(rf"(发布时间|更新时间|时间|日期|来源|作者|编辑|责任编辑|浏览次数|浏览|阅读|点击|字体|发布者|{_DISCLOSURE_FIELDS})\s*[:：]")
_DISCLOSURE_ROW = re.compile(rf"^(?:{_DISCLOSURE_FIELDS}|标题|发布日期)(?:\s{{2,}}|\s*[:：]|\s*$)")
"""A row of a government disclosure page's header table (`索引号  lanshanqukxjsj/2024-0000003  公开目录`,
`标题  兰山区科学技术局2023年…年度报告`, `公开目录: 部门信息公开年报`): a field's name, then its value."""
_SITE_WORDS = re.compile(
    r"小编|本站|本网|网友|仅供参考|欢迎(阅读|参考|下载|收藏|分享)|阅读与分享|在线客服|客服老师|"
    r"写作素材|范文|原创文章|不代表|以下是|为大家|为您|为你|收藏|一对一"
)
_URL = re.compile(r"https?://|www\.|\.(com|cn|net|org)\b", re.I)
_SITE_NAME = re.compile(r"^\S{1,12}(网|库|站|文库|范文)(\s|$|/)")
_NOTICE = re.compile(r"文档为\S*格式|下载|版权|转载|copyright|©|保存到|打印本文|复制本文|本文由|全文阅读|上一篇|下一篇|相关推荐|点击查看", re.I)
_REPORT_TITLE = re.compile(r"(?:总结|小结|计划|规划|报告|汇报|述职|要点|方案)\S{0,2}范文$")
"""A page's title naming a kind of report (`市科技局…工作总结范文`): the report's heading, not a site's name."""
_STRAY_KEYWORD = frozenset({"总结", "计划", "范文", "大全", "精选"})


# Site text run into a report's line: `打好(更多内容请访问首页：)了基础`, and a page number left at
# the end of a line by a copied PDF or Word page (`加强 - 1 -`).
_INLINE_CHROME = re.compile(r"[(（]\s*更多(?:内容|精彩内容|范文)?请(?:访问|关注|登录|浏览)[^()（）\n]{0,30}[)）]"
                            # a website's copyright glued after a sentence (`…的进步。www.xuexue6.com版权所有!`)
                            r"|(?<=[。！？!?])\s*(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\s*版[权權]所有[!！。]?")
_TRAILING_PAGE_NUMBER = re.compile(r"(?<=\S)\s+[-－—]\s*\d{1,3}\s*[-－—]\s*$")
# A Word page field copied as its code (`第PAGE\*Arabic\*MERGEFORMAT6页共NUMPAGES\*MERGEFORMAT6页`).
_FIELD_CODE = re.compile(r"第?\s*PAGE\s*\\\*\s*\w+\s*\\\*\s*MERGEFORMAT\s*\d*\s*页?\s*(?:共?\s*NUMPAGES\s*\\\*\s*MERGEFORMAT\s*\d*\s*页?)?")


def chrome_reason(line: Line) -> str | None:
    """Why a whole line is website chrome, or None for a line of the report."""
    s = line.simple
    if not s:
        return None
    short = len(s) <= 80
    site_hits = len(_SITE_WORDS.findall(s))
    if _BREADCRUMB.search(s) and short and "。" not in s:
        return "breadcrumb"
    if _BLURB_PREFIX.match(s) and (site_hits or len(s) < 6):
        return "site blurb"
    if site_hits >= 2 and (len(s) < 400):
        return "site blurb"
    if len(_LABELS.findall(s)) >= 2 and short or (_LABELS.match(s) and short and re.search(r"\d{4}[-/年]\d", s) and "。" not in s):
        return "page header (time, source, author)"
    if _DISCLOSURE_ROW.match(s) and short:
        return "page header (time, source, author)"
    if _URL.search(s) and short:
        return "site name or URL"
    if _SITE_NAME.match(s) and short and not re.search(r"[，。；,;]", s) and site_hits and not _REPORT_TITLE.search(s):
        return "site name"
    if _NOTICE.search(s) and len(s) <= 30 and not re.search(r"[，。；]", s):
        return "download or copyright notice"
    if s in _STRAY_KEYWORD:
        return "stray site keyword"
    return None


def candidates(text: str) -> tuple[CleanText, list[Line]]:
    """Split into lines, take out pinyin notes, bookmarks and site text inside lines; return the
    result so far (its `removed` holds those fragments) and the non-empty lines left to decide."""
    result = CleanText(lines=[])
    found: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        line_text = raw.rstrip()
        for fragment in _BOOKMARK.findall(line_text):
            result.removed.append(Removed(no, fragment, "document bookmark"))
        line_text = _BOOKMARK.sub("", line_text)
        line_text, count = strip_pinyin(line_text)
        for pattern, why in ((_INLINE_CHROME, "site text inside a line"), (_TRAILING_PAGE_NUMBER, "page number"),
                             (_FIELD_CODE, "page number field")):
            for fragment in pattern.findall(line_text):
                result.removed.append(Removed(no, fragment.strip(), why))
            line_text = pattern.sub("", line_text)
        result.pinyin_removed += count
        if not line_text.strip(" \t\u3000"):
            continue
        found.append(Line(no, line_text))
    return result, found


_BUTTON = re.compile(r"^[+＋]?(?:收藏|关注|分享|点赞|举报|复制链接)(?:\s*\d*)$")


def _author_cards(lines: list[Line], reasons: list[str | None]) -> list[str | None]:
    """A button standing alone (`收藏`) is chrome, and so is the card it closes: the one or two short
    lines right above it, with no blank line between (`浙江省科技館` / `…是浙江省内最大的…场馆。` /
    `收藏`: the publisher's name and blurb a website shows above every text)."""
    reasons = list(reasons)
    for i, line in enumerate(lines):
        if not _BUTTON.match(line.simple):
            continue
        reasons[i] = reasons[i] or "share or save button"
        for j in (i - 1, i - 2):
            if j < 0 or lines[j].no != line.no - (i - j) or len(lines[j].simple) > 60:
                break
            reasons[j] = reasons[j] or "publisher's card above a button"
    return reasons


def _broken_headings(lines: list[Line], plain: list[str | None], reasons: list[str | None]) -> list[str | None]:
    """The first part of a heading the page broke before its kind word (`chrome.is_broken_heading`,
    which metadata joins into one heading) is report text unless a plain rule says otherwise: the
    scoring and the learned classifier see a short line with no sentence punctuation and may take
    it for chrome."""
    reasons = list(reasons)
    for i in range(len(lines) - 1):
        if (reasons[i] and not plain[i] and not reasons[i + 1] and lines[i + 1].no == lines[i].no + 1
                and is_broken_heading(lines[i].simple, lines[i + 1].simple)):
            reasons[i] = None
    return reasons


def clean(text: str) -> CleanText:
    """Split into lines, take out pinyin notes and bookmarks, drop chrome lines; record what went.

    A line is chrome as `line_model.decide` says: by the hand rules (a plain rule of
    `chrome_reason`, or the page-wide scoring of `chrome.classify` reaching its threshold), by the
    learned classifier, or by both, as the shipped model's `combine` prescribes.
    """
    result, lines = candidates(text)
    plain = [chrome_reason(line) for line in lines]
    reasons = _author_cards(lines, _broken_headings(lines, plain, decide([line.simple for line in lines], plain)))
    for line, reason in zip(lines, reasons):
        if reason:
            result.removed.append(Removed(line.no, line.stripped, reason))
        else:
            result.lines.append(line)
    result.removed.sort(key=lambda r: r.no)
    return result
