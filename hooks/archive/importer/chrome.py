"""Website chrome versus report text, decided line by line from features that hold on any site.

A page copied from a website holds, around the report, the site's furniture: navigation and
breadcrumb bars, greetings, download / format / upload-date notices, publish-time and read-count
widgets, "温馨提示" boxes, document-site page counters (`第1页 / 共8页`, `1/6`, `xxx.docx_第2页`),
file sizes, uploader lines and editors' blurbs (`总结是指…的书面材料…`, `下面是小编为大家整理的…`).
None of it is tied to one site: it is short, it has no sentences, it sits before the report's first
body line or after its last, it speaks to the reader (您, 大家, 欢迎) about the site (本站, 下载,
文档, 客服), and it carries dates with clock times, counts, sizes, URLs and buttons.

Each line gets a score: the sum of the weights of the named features below that it shows (positive
for chrome, negative for report text). A line scoring `THRESHOLD` or more is chrome. Features of
the line itself come first (`line_features`); the page gives the position features
(`classify`): where the line stands relative to the report's heading and its first and last
body-like lines.

Title-like lines (`县科协工作总结`, `科普工作总结20篇`) are never decided here: they are the report's
heading or the page's title, and `split` tells which (it needs the compilation's title and count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .patterns import HEADING_TAIL

THRESHOLD = 3.0
"""A line scoring this or more is chrome."""
_RUN_IN_PREFIX = 80
"""How many characters of a long line a site's blurb run into the report's text may take."""

# -- shared vocabulary of report headings (split and metadata use it too) -----------------------

SENTENCE_END = re.compile(r"[。；！？!?;]")
CATEGORY_WORDS = re.compile(r"总结|小结|计划|规划|谋划|方案|报告|汇报|述职|要点|打算|安排")
NUM = r"(?:\d{1,3}|[一二三四五六七八九十百〇零两]{1,4})"
COMPILATION_WORDS = re.compile(rf"{NUM}\s*篇|精选|范文|大全|合集|汇编|优质|最新")
NUMBERED = re.compile(r"^(?:[(（]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．]\d?|[①-⑳])")


def is_title_like(s: str, max_len: int = 40) -> bool:
    """A heading: short, no sentence punctuation, Han characters, names a report kind or a count."""
    if not s or len(s) > max_len or SENTENCE_END.search(s) or s.endswith(("：", ":", "，", ",")):
        return False
    if NUMBERED.match(s):
        return False
    return bool(re.search(r"[\u4e00-\u9fff]", s)) and bool(CATEGORY_WORDS.search(s) or COMPILATION_WORDS.search(s))


def is_broken_heading(first: str, second: str) -> bool:
    """`first` / `second` is one heading the page broke before its kind word
    (`2019年第四季度科技宣传及科技信息` / `工作要点`): the second line is the kind word alone, and the
    first is no heading by itself but is one with it."""
    return bool(HEADING_TAIL.fullmatch(second)) and not is_title_like(first, 40) and is_title_like(first + second, 48)


# -- features of one line -----------------------------------------------------------------------


@dataclass(frozen=True)
class Feature:
    name: str
    weight: float
    doc: str


FEATURES: dict[str, Feature] = {f.name: f for f in (
    # site and navigation vocabulary
    Feature("site_word", 2.0, "each distinct word that only a website uses: 本站, 小编, 网友, 客服, 会员, 文档, 下载, 扫码…"),
    Feature("reader_word", 1.0, "each distinct word speaking to the reader or of the site loosely: 您, 大家, 欢迎, 分享, 收藏, 首页…"),
    Feature("blurb", 2.0, "each distinct phrase of an editor's blurb: 为大家整理, 供大家参考, 希望对…有所帮助, 书面材料…"),
    Feature("genre_definition", 3.0, "a sentence defining a kind of text (`总结是指…`, `报告通常包括…`): a site's blurb, not a report"),
    Feature("question", 1.0, "a question to the reader (`总结如何写呢?`): reports state, blurbs ask"),
    Feature("breadcrumb", 3.0, "a navigation trail: `首页 > 范文 > 正文`, `当前位置:…`"),
    Feature("separators", 1.0, "a short line cut by `|`, `>`, `/` into fields"),
    Feature("buttons", 2.0, "a short line of three or more tiny space-separated words (`返回 下载 相关 举报`)"),
    Feature("url", 3.0, "a URL, a domain name or an e-mail address"),
    Feature("markup", 3.0, "left-over HTML (`/p>`, `&nbsp;`)"),
    # page metadata widgets
    Feature("meta_label", 2.0, "each page-metadata label at a field start: 时间:, 来源:, 作者:, 上传人:, 格式:, 大小:…"),
    Feature("empty_label", 2.0, "a metadata label with no value (`分享 时间:`, `作者: | 来源:`)"),
    Feature("timestamp", 3.0, "a numeric date (2022-05-28, 2023.08.03): reports write 2022年5月28日"),
    Feature("clock", 1.0, "a clock time with a numeric date (10:05:44): when a page was published"),
    Feature("counter", 4.0, "a page counter or file size: `第1页 / 共8页`, `1/6`, `2页`, `37.5 KB`, `页数:8`"),
    Feature("widget_count", 2.0, "a count after a widget word: `阅读 3851`, `浏览次数:12`"),
    Feature("file_name", 3.0, "a document file name: `….docx`, `…_第2页`"),
    Feature("bare_number", 1.0, "a line that is only a number of three or more digits, or a year"),
    Feature("notice", 2.0, "download, copyright or next/previous-page notice (版权, 转载, 上一篇, 打印本文…)"),
    Feature("compilation_count", 2.0, "a count of pieces in brackets (`(分享十五篇)`, `【精彩4篇】`): a compilation's title"),
    Feature("news_headline", 3.0, "a news headline, no sentence, ending on what happened where (`…宣讲会在甬举办`, `…会议顺利召开`): "
                                  "a link to the site's other articles"),
    Feature("stray_keyword", 3.0, "a lone site keyword (`范文`, `大全`, `精选`) left from a tag cloud"),
    Feature("short_fragment", 1.0, "at most 15 characters, no sentence punctuation: a site name, a menu item"),
    Feature("keyword_list", 3.0, "above the report, a line of three or more short phrases strung by commas and nothing else "
                                 "(`荟聚奇文、博采众长、见贤思齐`, a keyword-stuffed tag line)"),
    # evidence of report text
    Feature("sentence", -1.5, "a sentence (。；, or a comma in 30+ characters)"),
    Feature("long", -1.0, "more than 100 characters"),
    Feature("running_text", -2.0, "more than 300 characters: a paragraph, whatever site text is glued to it"),
    Feature("numbered", -2.0, "numbered like a report's section or item (`一、`, `(二)`, `3.`)"),
    Feature("cn_date", -3.0, "a date line written the report's way (`2015年12月20日`): a signature"),
    Feature("addressee", -3.0, "an addressee or salutation (`县政府:`, `尊敬的各位领导:`)"),
    Feature("unit_name", -1.0, "a short line naming a body (`XX县科协`, `中国林学会`): a signature or a letterhead"),
    Feature("signature_date", -4.0, "a bare numeric date after the report has begun (`2015.12.20`): its signature"),
    Feature("doc_number", -3.0, "an official document number (`科协发〔2015〕12号`)"),
    # position on the page (from `classify`)
    Feature("before_heading", 2.0, "before the report's heading, which comes before its first body line"),
    Feature("before_body", 1.0, "between the heading and the first body-like line"),
    Feature("after_report", 1.0, "after the last body-like line of the page"),
)}

_SITE_WORDS = re.compile(
    r"本站|本网|网友|小编|客服|投稿|温馨提示|扫码|二维码|欢迎访问|欢迎光临|欢迎您|当前位置|您的位置|所在位置|"
    r"上一篇|下一篇|相关推荐|热点推荐|推荐阅读|相关文章|查看更多|点击查看|阅读全文|全文阅读|在线阅读|在线预览|预览|"
    r"文档|文库|范文|下载|付费|金币|免责|网址|写作素材|资源描述|导读|退款|请(?:您|放心|自行|耐心|先)|扫一扫|手机版|"
    r"手机阅读|公众号|关注我们|版权所有|技术支持|ICP|备案号|VIP|专享|分享到|打印本页|关闭窗口|返回顶部|加入收藏|设为首页|"
    r"继续阅读|未读|展开全文|余下全文|先登录|请登录|登录后|登录查看|需要登录"
)
"""Words only a website's furniture uses (a report may say 上传下达, 工会会员, 平台建设: those are weak words)."""
_READER_WORDS = re.compile(
    r"您|你们|你|大家|欢迎|分享|收藏|首页|网站|推荐|参考|借鉴|阅读|浏览|点击|热点|加载|耐心|等待|会员|上传|平台|模板|原创|"
    r"导航|搜索|栏目|登录|注册|评论|立即|积分|账户|举报|侵权"
)
_BLURB = re.compile(
    r"为(大家|您|你)|供(大家|您|你)|(大家|您|你)(参考|借鉴|阅读|分享|欣赏)|希望(对|能|可以)?(大家|您|你)|"
    r"(收集|精心|为你|为您)?整理(的|了|编辑)|书面材料|应用文|怎么写|如何写|写好|写一份|不妨|快来|一起来看看|"
    r"下面是|以下是|接下来是|仅供参考|以供|感谢您|欢迎(阅读|参考|借鉴|分享|下载|收藏)|有所(帮助|收获)"
)
_GENRE_DEFINITION = re.compile(r"^(工作)?(总结|计划|报告|述职报告|汇报|工作总结|工作计划)(是|就是|通常|一般|是指|指)")
_BREADCRUMB = re.compile(
    r"^(首页|主页|当前位置|您的位置|您现在的位置|您当前的位置|所在位置|位置)\s*[:：]|"
    r"^(首页|主页)\s*[>›»/＞]|(\S+\s*(>>|[>›»＞])\s*){2,}\S*$"
)
_SEPARATORS = re.compile(r"\s[|｜/]\s|\||｜|>|›|»|＞")
_URL = re.compile(r"https?://|www\.|\.(com|cn|net|org)\b|[\w.]+@[\w.]+\.\w+", re.I)
_MARKUP = re.compile(r"</?[a-z]+\s*/?>|^/?[a-z]{1,4}>$|&nbsp;|&[a-z]+;", re.I)
_META_LABEL = re.compile(
    r"(?:^|(?<=[\s|｜•·【]))(索引号|文号|备注/文号|发布机构|公文生成日期|生成日期|成文日期|信息分类|主题分类|体裁分类|时效|有效性|标题|"
    r"发布时间|更新时间|上传时间|上传日期|发布日期|时间|日期|来源|作者|编辑|责任编辑|浏览次数|浏览|阅读|"
    r"点击|字体|发布者|发布人|上传人|上传者|投稿|编号|文档编号|格式|页数|大小|分类|标签|关键词|栏目|网站|移动端|ID)\s*[:：]"
)
_SPACED_LABEL = re.compile(r"^([•·\s]*)((?:[\u4e00-\u9fff] ){1,4}[\u4e00-\u9fff])(?=\s*[:：])")


def _unspaced_label(s: str) -> str:
    """`• 索 引 号:…` → `• 索引号:…`: a label a table typesets letter-spaced."""
    return _SPACED_LABEL.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), s)


_EMPTY_LABEL = re.compile(r"[:：]\s*(?:$|[|｜])")
_TIMESTAMP = re.compile(r"(?<!\d)(19|20)\d{2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(:\d{2})?(?!\d)")
_COUNTER = re.compile(
    r"^\s*\d{1,4}\s*[/／]\s*\d{1,4}\s*$|第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页|共\s*\d+\s*页|^[-–—•·\s]*\d+\s*页[\s|｜]*$|"
    r"\d+(\.\d+)?\s*(KB|MB|GB|K|M)\b|页数\s*[:：]\s*\d|MERGEFORMAT",
    re.I,
)
_WIDGET_COUNT = re.compile(r"(阅读|浏览|点击|评论|收藏|下载|人气|热度)(次数|量)?\s*[:：]?\s*\d+|\d+\s*(次阅读|人阅读|次浏览|人浏览)")
_FILE_NAME = re.compile(r"\.(docx?|pdf|pptx?|xlsx?|wps|txt)\b|_第\s*\d+\s*页", re.I)
_BARE_NUMBER = re.compile(r"^[-–—•·\s]*(\d{3,}|(19|20)\d{2})[\s|｜]*$")
_NOTICE = re.compile(r"文档为\S*格式|版权|转载|copyright|©|保存到|打印本文|复制本文|本文由|上一篇|下一篇|关闭窗口|我要投稿|打印|收藏本", re.I)
_NEWS_HEADLINE = re.compile(r"(?:在\S{1,8}|顺利|隆重|圆满|正式)(?:举办|举行|召开|开幕|闭幕|启动|揭牌|落幕)$")
_STRAY_KEYWORD = frozenset({"总结", "计划", "范文", "大全", "精选"})
_SENTENCE = re.compile(r"[。；;！!]")
_COMMA = re.compile(r"[，,、]")
_QUESTION = re.compile(r"[?？]")
_CN_DATE = re.compile(
    r"^[\s_＿*xX×○〇零一二三四五六七八九十\d]{2,4}\s*年\s*[\s_＿*xX×○〇零一二三四五六七八九十\d]{0,3}\s*月"
    r"(\s*[\s_＿*xX×○〇零一二三四五六七八九十\d]{0,3}\s*日)?$"
)
_ADDRESSEE = re.compile(
    r"^(尊敬的|各位|亲爱的)\S{0,20}[:：]$|^\S{0,30}(领导|同志|代表|委员|政府|党委|党组|区委|县委|市委|省委|科协|学会|协会|单位|部门|老师|同事|会|委|局|厅|办|处|室|院|校|中心|机关)"
    r"(们)?[:：]$"
)
_DOC_NUMBER = re.compile(r"[〔\[［(（]\s*(19|20)\d{2}\s*[〕\]］)）]\s*\d+\s*号?")
_BRACKET_COUNT = re.compile(rf"[(（【\[]\s*\S{{0,6}}?{NUM}\s*篇\s*[)）】\]]")
_UNIT_NAME = re.compile(r"(科协|协会|学会|研究会|委员会|党委|党组|支部|工会|政府|局|厅|委|办公室|院|校|厂|公司|中心)$")
_BARE_DATE = re.compile(r"^(19|20)\d{2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PHRASE_LIST = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,10}(?:[，,、][\u4e00-\u9fffA-Za-z]{2,10}){2,}$")
_TABLE_ROW = re.compile(r"\S\s*[|｜]\s*\S|[|｜]\s*$")


def is_phrase_list(s: str) -> bool:
    """Three or more short phrases strung by commas, nothing else: no sentence, no numbering."""
    return len(s) <= 60 and bool(_PHRASE_LIST.match(s)) and not NUMBERED.match(s)


def line_features(s: str) -> dict[str, float]:
    """The features a line shows by itself (name → weighted value). `s` is the stripped line in
    simplified characters."""
    found: dict[str, float] = {}

    def add(name: str, times: float = 1.0) -> None:
        if times:
            found[name] = found.get(name, 0.0) + FEATURES[name].weight * times

    if not s:
        return found
    n = len(s)
    title = is_title_like(s, 50)
    news = n <= 50 and not _SENTENCE.search(s) and not NUMBERED.match(s) and bool(_NEWS_HEADLINE.search(s))
    # a headline's comma inside its quotation (`“践行工程科学思想,发展新质生产力”主题活动在甬举办`) makes no sentence
    sentence = bool(_SENTENCE.search(s)) or (n >= 30 and bool(_COMMA.search(s)) and not news)
    site = set(_SITE_WORDS.findall(s))
    reader = set(_READER_WORDS.findall(s)) - site
    rest = s[_RUN_IN_PREFIX:]
    run_in = (n > 300 and len(_SENTENCE.findall(rest)) >= 3
              and not _SITE_WORDS.search(rest) and not _URL.search(rest))
    if run_in:
        # running text whose site words and address all stand in its first characters
        # (`老金范文,海量公文素材资料,下载网址:www.… 市科技局…工作总结 今年来,在市委…`): the report,
        # with the site's line run into it; losing the report would cost more than keeping the prefix
        site, reader = set(), set()
    if title:
        # a heading may say 范文 or 精选: only the site's furniture counts against it
        site -= {"范文", "文库", "模板"}
        reader = set()
    add("site_word", min(len(site), 3))
    add("reader_word", min(len(reader), 2))
    add("blurb", min(len(set(m.group(0) for m in _BLURB.finditer(s))), 3))
    if _GENRE_DEFINITION.match(s):
        add("genre_definition")
    if _QUESTION.search(s):
        add("question")
    if _BREADCRUMB.search(s) and n <= 80 and "。" not in s:
        add("breadcrumb")
    if n <= 60 and _SEPARATORS.search(s) and not sentence:
        add("separators")
    tokens = s.split()
    if n <= 30 and len(tokens) >= 3 and all(len(t) <= 4 for t in tokens) and not sentence:
        add("buttons")
    if _URL.search(s) and not run_in:
        add("url")
    if _MARKUP.search(s):
        add("markup")
    labels = _META_LABEL.findall(_unspaced_label(s))
    add("meta_label", min(len(labels), 2))
    if labels and _EMPTY_LABEL.search(s):
        add("empty_label")
    if _TIMESTAMP.search(s):
        add("timestamp")
        if _CLOCK.search(s):
            add("clock")
    if _COUNTER.search(s):
        add("counter")
    if _WIDGET_COUNT.search(s) and n <= 60:
        add("widget_count")
    if _FILE_NAME.search(s):
        add("file_name")
    if _BARE_NUMBER.match(s):
        add("bare_number")
    if _NOTICE.search(s) and n <= 40 and not sentence:
        add("notice")
    if news and not title:
        add("news_headline")
    if s in _STRAY_KEYWORD:
        add("stray_keyword")
    if n <= 15 and not sentence and not title and not NUMBERED.match(s):
        add("short_fragment")
    if sentence:
        add("sentence")
    if n > 100:
        add("long")
    if n > 300:
        add("running_text")
    if _BRACKET_COUNT.search(s):
        add("compilation_count")
    if NUMBERED.match(s):
        add("numbered")
    if _CN_DATE.match(s):
        add("cn_date")
    if _ADDRESSEE.match(s) and not site:
        add("addressee")
    if n <= 20 and _UNIT_NAME.search(s) and not site and not sentence:
        add("unit_name")
    if _DOC_NUMBER.search(s) and n <= 40 and not any("文号" in label for label in labels):  # a site table's `文号:` field
        add("doc_number")
    return found


def line_score(s: str) -> float:
    return sum(line_features(s).values())


# -- the page ----------------------------------------------------------------------------------


@dataclass
class Verdict:
    score: float
    features: dict[str, float] = field(default_factory=dict)

    @property
    def chrome(self) -> bool:
        return self.score >= THRESHOLD

    @property
    def reason(self) -> str:
        """The strongest chrome features, named: `chrome (site_word, timestamp)`."""
        names = [k for k, v in sorted(self.features.items(), key=lambda kv: -kv[1]) if v > 0][:3]
        return f"site chrome ({', '.join(names)})"


_EVIDENCE = frozenset(FEATURES) - {"short_fragment", "bare_number", "reader_word", "sentence", "long", "running_text", "numbered",
                                     "cn_date", "addressee", "doc_number", "before_heading", "before_body", "after_report"}
"""Features that are the site's own words or widgets, not just a line's shape."""


def _evidence(features: dict[str, float]) -> float:
    return sum(v for k, v in features.items() if k in _EVIDENCE and v > 0)


def is_body_like(s: str, features: dict[str, float] | None = None) -> bool:
    """A line of running report text: 20+ Han characters, a sentence, nothing of the site."""
    if len(_HAN.findall(s)) < 20 or is_title_like(s, 50) or is_phrase_list(s):
        return False
    if not (_SENTENCE.search(s) or _COMMA.search(s)):
        return False
    features = line_features(s) if features is None else features
    return sum(features.values()) <= 0 and (_evidence(features) < 2 or len(s) > 300)


@dataclass(frozen=True)
class Layout:
    """Where a page's report stands: the facts `classify` places lines by (the learned classifier
    of `line_features` reads them too)."""

    own: list[dict[str, float]]
    """Each line's own features (`line_features`)."""
    title: list[bool]
    """Whether each line is title-like."""
    body: list[int]
    """Indices of the body-like lines."""
    heading: int | None
    """The report's heading: the last title-like line before the first body-like line."""
    block: int | None
    """The first line of the heading block (a main title and bylines above the heading)."""

    @property
    def first_body(self) -> int:
        return self.body[0] if self.body else len(self.title)

    @property
    def last_body(self) -> int:
        return self.body[-1] if self.body else -1


def layout(texts: list[str]) -> Layout:
    own = [line_features(s) for s in texts]
    title = [is_title_like(s, 50) for s in texts]
    body = [i for i, s in enumerate(texts) if is_body_like(s, own[i])]
    first_body = body[0] if body else len(texts)
    heading = next((i for i in range(first_body - 1, -1, -1) if title[i] and sum(own[i].values()) < 2), None)
    # A byline between a main title and the heading (`省科协工作报告` / `主席张三同志` / `作…《工作报告》`)
    # belongs to the heading block, not to the page's furniture above it.
    block = heading
    if heading is not None:
        k = heading - 1
        while k >= 0 and heading - k <= 4 and (title[k] or _evidence(own[k]) == 0):
            if title[k]:
                block = k
            k -= 1
    return Layout(own, title, body, heading, block)


def classify(texts: list[str], page: Layout | None = None) -> list[Verdict]:
    """A verdict for each line of a page (`texts`: stripped, simplified, non-empty lines in order;
    `page`: their `layout`, computed when not given).

    Position features: lines before the report's heading (the last title-like line before the
    first body-like line) are the page's top furniture; lines between that heading and the first
    body-like line, and lines after the page's last body-like line that show some site feature,
    lean a little to chrome. A title-like line (`县科协工作总结`, `科普工作总结20篇`) is chrome only on
    evidence of the site (a timestamp, a file name, a label, a separator); whether it is the
    report's heading or the page's title is for `split` to tell.
    """
    page = layout(texts) if page is None else page
    own, heading, block = page.own, page.heading, page.block
    first_body, last_body, body = page.first_body, page.last_body, page.body
    table = _table_rows(texts, first_body)
    verdicts = []
    for i, s in enumerate(texts):
        features = dict(own[i])
        if i in table:
            # a table the report typesets with `|` (`问题类别 | 具体表现 |`), not a site's field separators
            for name in ("separators", "buttons", "short_fragment"):
                features.pop(name, None)
        if i < first_body and is_phrase_list(s):
            features["keyword_list"] = FEATURES["keyword_list"].weight
        if block is not None and block <= i < heading:
            features["before_body"] = FEATURES["before_body"].weight
            features.pop("unit_name", None)
        elif heading is not None and i < heading:
            features["before_heading"] = FEATURES["before_heading"].weight
            features.pop("unit_name", None)  # above the heading: a site name or a letterhead, not a signature
        elif i < first_body and i != heading:
            features["before_body"] = FEATURES["before_body"].weight
        elif i > last_body and body and _evidence(own[i]) > 0:
            features["after_report"] = FEATURES["after_report"].weight
        if i > first_body and _BARE_DATE.match(s):
            features["signature_date"] = FEATURES["signature_date"].weight
        verdicts.append(Verdict(sum(features.values()), features))
    return verdicts


def _table_rows(texts: list[str], first_body: int) -> set[int]:
    """Lines of a table in the report's text: a run of three or more lines cut by `|` that starts
    after the report has begun."""
    rows: set[int] = set()
    i = 0
    while i < len(texts):
        j = i
        while j < len(texts) and _TABLE_ROW.search(texts[j]):
            j += 1
        if j - i >= 3 and i > first_body:
            rows.update(range(i, j))
        i = max(j, i + 1)
    return rows
