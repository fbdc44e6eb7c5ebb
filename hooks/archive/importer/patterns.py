"""The patterns the metadata finders share: unit names and their suffixes, times and years
(Arabic, Chinese and anonymised numerals), signature and date lines. Matched on the simplified
reading of a line (archive/text.py)."""

from __future__ import annotations

import re

PLACEHOLDER = r"[xX×＊*_＿]"
HAN = r"[\u4e00-\u9fff]"
UNIT_SUFFIX = (
    r"(?:科学技术协会|老科协|科协|技协|科技局|科学技术局|科技委员会|科委|科技厅|知识产权局|工会|党总支|党支部|党委|"
    r"党组(?!织)|妇委会|团委|居委会|委员会|管委会|人民政府|政府|有限责任公司|有限公司|公司|集团|研究所|研究院|情报所|"
    r"中心|科技馆|展馆|博物馆|纪念馆|厂|中学|小学|学校|学院|大学|支行|分行|联合会|协会|学会|分会|办公室|街道办事处|街道|社区|乡|镇|村|(?<![大格布全开结当时僵变破骗赌棋饭局])局)"
)
UNIT_TAIL = r"(?:机关)?(?:党总支|党支部|工会|妇委会|团委|分会|科协|联合会|办公厅|办公室|委员会)"
UNIT = rf"(?:[\u4e00-\u9fffA-Za-z＊*_＿]{{0,16}}?{UNIT_SUFFIX}(?:{UNIT_TAIL})?)"
TIME = rf"(?:(?:\d{{4}}|\d{{2,3}}{PLACEHOLDER}{{1,2}}|{PLACEHOLDER}{{2}}|[一二三四五六七八九〇零○]{{4}})年(?:度|上半年|下半年|以来|来)?|一年来|几年来|今年(?:以来)?|上半年|下半年|本年度|近年来|去年|在?过去的?一年(?:里|中)?)"
HEADING_TAIL = re.compile(r"(?:年度?|季度|半年)?(?:工作)?(?:总结|小结|计划|要点|报告|汇报|方案|规划|打算|述职报告)\S{0,4}")
"""The kind word of a heading the page broke onto a line of its own (`…科技信息` / `工作要点`)."""

GUIDANCE = re.compile(r"在(?P<who>[^。；！？]{2,60}?)(?:的)?(?:正确|坚强|直接|亲切|大力)?(?:领导|指导|关心|支持|帮助)")
"""An opening's clause naming who leads or guides the unit (`在东莞市总工会和镇委的正确领导下`)."""
_ON_DATE = r"于(?=\d|[一二三四五六七八九十]{1,2}月|今年|年初|年底)"
"""`广西老科协于5月17~22日…组织`: the subject acting on a date."""
OPENING_UNIT = (
    re.compile(rf"^{TIME}?[，,、]?\s*(?P<unit>{UNIT}(?:[(（](?!简称){UNIT}[)）])?)(?:系统|机关)?(?:[(（]简称[^()（）]{{1,10}}[)）])?(?:[，,](?=在\S{{2,40}}?(?:领导|指导)下))?(?:在|认真|坚持|紧紧|始终|全面|积极|按照|根据|围绕|严格|扎实|以|高度重视|工作在|科技工作在|科普工作在|的工作|将(?=[\u4e00-\u9fff]{{2}})|作为|成立于|始建于|位于|地处|{_ON_DATE}|[\u4e00-\u9fff]{{2,6}}?工作在)"),
    # `在市委、市政府的领导和省科协的指导下，市科协紧紧围绕…`: the subject after the opening's guidance clause
    re.compile(rf"^(?:{TIME}[，,]?)?在\S{{2,60}}?(?:领导|指导|关心|支持|帮助|关怀)下[，,]?\s*(?:全)?(?P<unit>{UNIT})(?:系统|机关)?"
               rf"(?:在|认真|坚持|紧紧|紧密|始终|全面|积极|按照|根据|围绕|以|深入|不断|坚定|着力|主动|努力|切实|团结|{_ON_DATE})"),
    # a title run into the first line: `县科学技术局2021年度工作总结…`
    re.compile(rf"^(?P<unit>{UNIT})(?:{TIME})?\S{{0,12}}?(?:工作)?(?:总结|计划|报告|汇报|要点|述职)"),
    # a 述职's speaker naming the body they lead: `我是科局的局长`, `我是市科协的主席`
    re.compile(r"我是(?P<unit>[\u4e00-\u9fffA-Za-z]{1,16}?[局会委协院所校厂站馆部处办室社])的?"
               r"(?:局长|主席|书记|主任|部长|科长|校长|厂长|站长|馆长|所长|秘书长|理事长|会长)"),
    # a congress report's speaker: `我受省科协第七届委员会委托，向大会作工作报告`
    re.compile(rf"我受(?P<unit>{UNIT})(?:第?[一二三四五六七八九十\d]{{1,3}}届)?(?:常务)?(?:理事会|委员会|常委会)?的?委托"),
    re.compile(rf"我谨代表(?P<unit>{UNIT})(?:和|向|、|[，,])"),
    re.compile(rf"(?:下面|现在)?我(?:就|代表)(?P<unit>{UNIT})(?:\d{{4}}|\d{{2}}{PLACEHOLDER}{{2}}|{PLACEHOLDER}{{2,4}})?年?(?:度)?的?(?:工作|各项)"),
    # the subject after an opening clause on what the year is: `2025年是“十四五”规划收官之年，海盐县科协将…`
    re.compile(rf"^{TIME}是[^。；;！？]{{2,60}}?[，,]\s*(?P<unit>{UNIT})(?:将|要|在|认真|坚持|紧紧|始终|全面|积极|按照|围绕|以)"),
)
COMPILED_BY = re.compile(rf"由(?P<unit>{UNIT})(?:结合\S{{0,12}}?)?(?:负责)?编制")
"""A report saying who compiled it (`本报告…由昆都仑区科学技术局编制完成`, `由区科技局结合有关统计数据
编制`), anywhere in its opening paragraph: government disclosure reports say it after long citations."""
SELF_PUBLISHED = re.compile(r"(?:现|特|予以|现予|向社会)(?:发布|公布)(?:本单位)?《(?P<title>[^《》]{6,80}?(?:报告|总结|计划|要点))》")
"""An opening publishing the report by its own title (`现发布《张家川县科学技术局2024年政府信息公开工作
年度报告》`): the title it quotes is the report's heading. Not `印发《…》` (a notice issuing another
document)."""
ANNOUNCED_UNIT = re.compile(rf"现(?:将|就)(?:{TIME})?(?![我本]单位)(?P<unit>{UNIT})(?:{TIME})?(?:的)?(?:各项|全年)?[\u4e00-\u9fff]{{0,4}}(?:[(（]\S{{1,6}}[)）])?工作")
"""The body an announcement names (`现就__社区20__年工会(妇联)工作情况汇报如下`), at an opening's end."""
REPORTING_UNIT = re.compile(rf"(?:下面|现在|以下)[，,]?(?:我)?(?:把|将|就)(?P<unit>{UNIT})(?:{TIME})?(?:的)?(?:各项|全年)?(?:工作)?(?:开展)?(?:情况)?(?:简要|简单)?(?:地)?(?:汇报|报告)")
"""The body a report says it reports on (`下面，把市科协20xx年工作情况简要汇报一下`), within its first lines."""
VIEWER_MARK = re.compile(r"^(?:编号[:：]\s*\d+\s*|第\s*\d*\s*页\s*[,，/]?\s*共\s*\d*\s*页\s*)")
"""A document viewer's number or page count before a text (`第页共页`, its figures lost; `编号:063996617`)."""
LEADING_FUNCTION_WORDS = re.compile(r"^(?:关于|并由|根据|按照|经过|现将|现就|经|由|对|为|向|在|将|把|是)")
"""Words a sentence puts before a name (`关于科技局…`, `并由县科技局…`): not part of the name."""
GENERIC = re.compile(rf"^(?:我|本|该|全)?(?:{UNIT_SUFFIX})$")
KIND_OF_BODY = re.compile(rf"^(?:乡镇|县区|区县|市县|县市|各级|基层|各|机关)(?:{UNIT_SUFFIX})")
"""A kind of body at a level (`乡镇科协`, `各级科协`), not one body's name."""
ANON_IN_NAME = re.compile(rf"{PLACEHOLDER}{{2}}|[＊*]|__|＿")
YEAR = re.compile(r"(?<![\d.])(1949|19[5-9]\d|20[0-4]\d)\s*年(?!代|轻|级)")
CN_YEAR = re.compile(r"([一二][一二三四五六七八九〇零○ＯOo0]{3})年")
"""二〇一五年, and as typed in the wild: 二○一五年, 二oo九年 (letter o for 〇)."""
ANON_YEAR = re.compile(rf"(?<![\d])(?:(?:19|20)\d?{PLACEHOLDER}{{1,2}}|{PLACEHOLDER}{{2}}|[_＿]{{2,}})\s*年")
DATE_LINE = re.compile(rf"^(?P<y>[\d{PLACEHOLDER[1:-1]}〇零○一二三四五六七八九]{{2,4}})年[\d{PLACEHOLDER[1:-1]}一二三四五六七八九十]{{0,3}}月([\d{PLACEHOLDER[1:-1]}一二三四五六七八九十]{{0,3}}日)?$")
GLUED_SIGNATURE = re.compile(rf"(?P<unit>{UNIT})(?P<date>[\d{PLACEHOLDER[1:-1]}〇零○]{{2,4}}年[\d{PLACEHOLDER[1:-1]}]{{0,2}}月[\d{PLACEHOLDER[1:-1]}]{{0,2}}日)$")
HEADING_SEPARATOR = re.compile(r"[_＿]{2,}|——|--|—")
CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "o": "0", "0": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
OFFICIAL_TITLE = re.compile(r"^\S{2,60}?关于\S{2,80}?的(?:通知|通报|决定|意见|批复|函|报告|请示)$")
"""An official document's title, however long: `…协会关于印发《…2021年工作总结…》的通知`."""
NOTICE_TITLE = re.compile(r"的(?:通知|通报|决定|批复|函)$")
"""A heading that makes the text a notice (forwarding a summary or plan is not being one)."""
NOTICE_OPENING = re.compile(r"(?:通知|通报)如下")
"""An opening that makes the text a notice (`现将有关事项通知如下`)."""
ANNOUNCE = re.compile(r"^本(?:年度)?报告(?:依据|根据|由|是)|(?:编制|发布|公布)本(?:年度)?报告|向\S{0,8}?报告工作|(总结|汇报|报告|述职)如下|(?:特|现|我们|我们特)(?:制定|拟定)了?(?:本|以下|如下)?[^。，,；]{0,30}?(?:计划|方案|规划|要点)|述职报告|(?<!工)[作做](?:工作)?报告|特作汇报|汇报一下|开幕词|闭幕词|致辞")
SALUTATION = re.compile(r"^(?:尊敬的|各位|亲爱的)\S{0,30}[:：]$|^(?:大家|各位|同志们|朋友们)?(?:上午|下午|晚上)?好[!！。]?$")
"""An address to the audience before a speech's text (`各位领导、各位代表：`, `上午好！`): not its opening."""
SECTION_KIND = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(\d{4}年|\d{2}[xX_*]{2}年)?(度)?(工作)?(总结|计划|述职)\S{0,2}$")

# Division names that are also common nouns: a unit called 新区科协 is not in 唐山市新区.
GENERIC_PLACES = frozenset({"新区", "矿区", "城区", "郊区", "市区", "林区", "特区", "东区", "西区", "南区", "北区", "中区", "市中区", "开发区", "高新区"})
