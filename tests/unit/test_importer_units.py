"""Importer, units (archive.importer.units): the issuing body as the report names itself, whole."""

from __future__ import annotations

import pytest

from archive.importer.clean import Line
from archive.importer.units import find_unit


def lines(*texts: str) -> list[Line]:
    return [Line(no, text) for no, text in enumerate(texts, start=1)]


BODY = "一、主要工作\n全年举办科普讲座二十场，培训农民五千人次。".split("\n")


@pytest.mark.parametrize("heading, unit", [
    ("关于科技局目标任务完成情况的工作总结", "科技局"),       # a sentence's 关于 is not part of the name
    ("--机车厂科协200-年科协工作总结", "机车厂科协"),         # leading separators and masks
    ("__县科协201*年工作总结", "县科协"),
    ("中国科协办公厅2019年工作要点", "中国科协办公厅"),       # an office of the body
    ("厂矿科协联合会工作总结", "厂矿科协联合会"),
    ("XX县科协技术协会2023年上半年工作总结", "XX县科协技术协会"),  # run on to a second suffix: as written
    ("县科协2023年工作总结", "县科协"),
])
def test_unit_from_the_heading(heading, unit):
    assert find_unit(heading, lines(*BODY)).value == unit


def test_unit_after_the_openings_guidance_clause():
    body = lines("在市委、市政府的领导和省、州科协的指导下，市科协紧紧围绕市委、政府的中心工作任务，认真开展科普宣传。", *BODY)
    assert find_unit(None, body).value == "市科协"


def test_unit_of_a_title_run_into_the_first_line_even_with_typeset_spaces():
    body = lines("XX 县科学技术协会 2021 年工作总结和 2022 年工作计划 2021 年以来，XX 县科协在县委的领导下开展工作。", *BODY)
    assert find_unit(None, body).value == "XX县科学技术协会"


def test_function_words_before_a_name_in_the_opening_are_dropped():
    body = lines("现将市科技局2019年工作总结如下：", *BODY)
    assert find_unit(None, body).value == "市科技局"


def test_no_unit_is_none_with_a_note():
    found = find_unit(None, lines("今年以来，在上级的关心下，各项工作顺利推进，取得了较好成绩。", *BODY))
    assert found.value is None and "null" in found.note


def test_a_title_run_into_the_first_line_gives_way_to_the_openings_own_name():
    # the heading cut from the first line is the page's title; the opening names the body itself
    body = lines("上半年，宁安市科技局在市委、市政府的正确领导下，扎实推进各项重点工作，现将半年工作汇报如下：", *BODY)
    assert find_unit("市科技局2022年上半年工作总结和下半年工作方案", body, glued=True).value == "宁安市科技局"
    assert find_unit("市科技局2022年上半年工作总结和下半年工作方案", body).value == "市科技局"  # a heading of its own


@pytest.mark.parametrize("opening, unit", [
    ("一年来，我县老科协在县委的领导下，认真组织老科技工作者开展科普活动。", "县老科协"),  # 我县… is the county's
    ("今年，我市妇联在市委的领导下，积极开展各项活动，取得了较好成绩。", None),       # 妇联 is no unit suffix
])
def test_our_county_before_a_name_is_the_countys(opening, unit):
    assert find_unit(None, lines(opening, *BODY)).value == unit


def test_the_speaker_of_a_duty_report_names_the_body_they_lead():
    body = lines("尊敬的各位领导：", "大家好！我是农科局的局长，下面向大家汇报一年来的工作。", *BODY)
    assert find_unit(None, body).value == "农科局"


@pytest.mark.parametrize("heading, unit", [
    ("中国红十字会2020年工作总结", "中国红十字会"),   # a body whose name ends in no suffix the patterns know
    ("共青团中央2020年工作总结", "共青团中央"),
])
def test_an_organisation_jieba_tags_in_the_heading_is_the_unit_unsure(heading, unit):
    found = find_unit(heading, lines(*BODY))
    assert (found.value, found.status) == (unit, "unsure") and "check" in found.note


def test_no_organisation_tag_no_unit():
    assert find_unit("年度工作总结", lines("全年工作顺利推进，成效明显。", *BODY)).value is None


def test_a_kind_of_body_gives_way_to_the_masked_name_after_the_title_run_into_the_opening():
    body = lines("乡镇科协 xx 年终工作总结 xx 年，XX镇科协在镇党委、政府领导下，认真开展科普活动。", *BODY)
    assert find_unit("乡镇科协xx年终工作总结", body).value == "XX镇科协"
    # with nothing better, the kind stands
    assert find_unit("乡镇科协年终工作总结", lines(*BODY)).value == "乡镇科协"


@pytest.mark.parametrize("heading, opening, unit", [
    # a compilation's piece number is not part of the heading's name
    ("2、县科技局上半年工作总结", "上半年，全县科技工作扎实推进。", "县科技局"),
    # `在过去的一年里` before the subject, and the name's short form in brackets after it
    (None, "在过去的一年里，乡科学技术协会（简称乡科协）在上级部门的正确领导下，积极履行职责。", "乡科学技术协会"),
    # a website's label run into the line
    (None, "【工会工作总结范文】在过去的一年中，工会在上级工会的正确领导下，充分发挥桥梁纽带作用。", "工会"),
    # a congress report's speaker, after the address to the audience
    (None, "各位代表：\n上午好！\n某某学会自2015年成立以来，已历经五年。\n我受某某学会青年分会第一届理事会的委托，向大会作工作报告。",
     "某某学会青年分会"),
])
def test_unit_of_the_opening(heading, opening, unit):
    assert find_unit(heading, lines(*opening.split("\n"), *BODY)).value == unit


def test_the_announcement_names_the_body_a_sites_heading_does_not():
    opening = "以开展主题实践活动为契机，围绕社区中心工作扎实推进各项创建活动。现就__社区20__年工会(妇联)工作情况汇报如下："
    assert find_unit("工会工作总结格式篇一", lines(opening, *BODY)).value == "__社区"
    # a heading naming its own body keeps it: the announcement's masked name is only more of the same
    assert find_unit("科协年终工作总结", lines("今年，xx区科协认真开展工作。现将xx区科协全年工作总结如下：", *BODY)).value == "科协"
    assert find_unit(None, lines("按照要求，现将我单位法治政府建设工作总结如下：", *BODY)).value is None


def test_a_kind_of_body_at_two_levels_takes_the_level_the_text_speaks_as():
    assert find_unit("1、乡镇科协年度总结", lines("我镇科普工作在镇党委、政府领导下，取得较大成效。", *BODY)).value == "镇科协"
    assert find_unit("乡镇科协年度总结", lines("全县科普工作在县委领导下，取得较大成效。", *BODY)).value == "乡镇科协"


def test_a_signature_above_a_seals_note_and_a_date():
    body = lines("现将《某年工作要点》印发给你们，请结合实际认真贯彻落实。", "全民科学素质纲要实施工作办公室",
                 "（某某协会办公厅代章）", "2018年3月19日")
    assert find_unit(None, body).value == "全民科学素质纲要实施工作办公室"


def test_a_signature_above_a_date_typeset_with_spaces():
    body = lines("各省老科协：", "《某协会2023年工作报告》已经理事会议审议通过，现予印发，请认真贯彻落实。",
                 "中国老科学技术工作者协会", "2024 年 1 月 29 日")
    assert find_unit(None, body).value == "中国老科学技术工作者协会"


def test_a_bureau_of_any_name_and_its_second_name_in_brackets():
    opening = "一年来，区科技创新局（区科学技术协会）严格按照区委区政府工作部署，促进科技创新。"
    assert find_unit(None, lines(opening, *BODY)).value == "区科技创新局（区科学技术协会）"
    assert find_unit("县教育局2023年工作总结", lines(*BODY)).value == "县教育局"
    # 局 closing a common noun is no bureau; nor the 局 of 局长
    assert find_unit(None, lines("服务大局在全县工作中十分重要，我们认真开展工作。", *BODY)).value is None
    assert find_unit("科技局局长述职述廉报告", lines(*BODY)).value == "科技局"


def test_a_viewers_page_number_and_label_tail_before_the_opening():
    assert find_unit(None, lines("2、指导】 一年来，我县老科协在县委、县政府的正确领导下，积极开展工作。", *BODY)).value == "县老科协"


def test_a_speaker_on_behalf_of_the_body():
    assert find_unit(None, lines("各位代表、同志们：我谨代表某溪镇科协和全体代表，向大会致以祝贺。", *BODY)).value == "某溪镇科协"


def test_who_compiled_the_report_and_no_name_inside_a_documents_title():
    opening = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》），由某某区科学技术局编制完成。"
    assert find_unit(None, lines(opening, *BODY)).value == "某某区科学技术局"
    assert find_unit(None, lines("本报告根据《中华人民共和国政府信息公开条例》编制。", *BODY)).value is None


def test_a_document_viewers_page_count_before_a_title_run_into_the_text():
    # `第页共页`: a viewer's 第1页共3页 with its figures lost, before the text's own title
    found = find_unit(None, lines("第页共页某县科协年度科普工作总结一、工作概述本年度，某县科协在科普方面持续发力。", "二、存在问题"))
    assert found.value == "某县科协"


def test_the_body_a_report_says_it_reports_on_a_few_lines_in():
    found = find_unit(None, lines("一、市科协的基本情况", "1、领导全市自然科学学会。", "2、开展学术交流。",
                                  "3、普及科学知识。", "4、组织国际学术交流。", "下面，把市科协20xx年工作情况简要汇报一下。",
                                  "（一）全面深入地开展农村科普工作。"))
    assert found.value == "市科协"
    # only when nothing before names the body
    found = find_unit("县科技局2023年工作总结", lines("今年，县科技局认真开展工作。", "下面，把市科协工作情况简要汇报一下。"))
    assert found.value == "县科技局"


def test_the_acting_body_after_a_time_phrase_and_the_text_speaking_as_part_of_its_name():
    found = find_unit(None, lines("一、几年来的工作回顾",
                                  "1、组织了教工活动：几年来学校工会组织老师参加了篮球赛，我校女队每年都是第一名。",
                                  "2、健全了校务公开制度。", "3、教职工的文娱活动还有待加强。"))
    assert found.value == "学校工会" and "我校" in found.note  # unsure: the subject of the work, not a named unit
    # the text speaking as another kind of body: no acting body
    found = find_unit(None, lines("一、工作回顾", "1、几年来学校工会组织老师参加了篮球赛，我村女队每年都是第一名。",
                                  "2、健全了制度。", "3、有待加强。"))
    assert found.value is None


def test_the_acting_body_doing_its_work_twice_by_verbs_and_adverbs():
    body = lines("一、领导重视，强化科普组织建设", "健康街道积极探索，精心策划了一系列科普宣传活动。",
                 "为提升未成年人科学素质，健康街道不定期面向辖区中小学生组织科普进校园活动。")
    assert find_unit(None, body).value == "健康街道"
    # a body the text only names after a preposition (`根据`) does not act
    body = lines("一、宣传工作", "一方面，广东省科技厅根据每季度的宣传重点组织媒体采访。", "目前，广东省科技厅已经建立了宣传平台。")
    assert find_unit(None, body).value is None


def test_a_department_named_without_its_body_is_the_whole_name_the_text_writes_out():
    from archive.importer.clean import Line
    from archive.importer.finding import UNSURE
    from archive.importer.units import find_unit

    body = [Line(1, "办公室在科协党组的直接领导下，较好地完成了本职工作。"), Line(2, "一、找准定位"),
            Line(3, "办公室肩负着组织人事、宣传信息等工作。"), Line(4, "二、创新出彩"),
            Line(5, "__年，科协办公室围绕市科协年初指定的工作目标，认真组织学习。")]
    found = find_unit("办公室2024年工作总结", body)
    assert found.value == "科协办公室" and found.status == UNSURE and "办公室" in found.note
    # two owners written out, or one only mentioned inside a clause, leave the name as it is
    two = body + [Line(6, "同时，团委办公室积极配合开展工作。")]
    assert find_unit("办公室2024年工作总结", two).value == "办公室"
    assert find_unit("办公室2024年工作总结", body[:4] + [Line(5, "配合科协办公室做好接待。")]).value == "办公室"


@pytest.mark.parametrize("heading, body, unit", [
    # the heading's short name, the opening's whole name with its street
    ("街道工會工作總結1", ["今年以來，在區委的領導下，桂園街道總工會努力創新服務模式。"], "桂園街道總工會"),
    # a bare kind in the heading, the city's body named in full a few lines in
    ("2020年科技馆季度工作总结", ["一、科普进校园", "2020年1月8日，西安市科技馆科普大篷车队参加了三下乡活动。"], "西安市科技馆"),
    # an anonymised name's fuller form is anonymised too
    (None, ["xx工会按照市区的要求，努力为职工群众办实事。", "一、基本情况", "xx街道总工会现有9个工联会。"], "xx街道总工会"),
])
def test_the_fuller_name_of_the_same_body_a_report_writes_out(heading, body, unit):
    assert find_unit(heading, lines(*body, *BODY)).value == unit


@pytest.mark.parametrize("heading, body, unit", [
    # an owner's name before its 党组 is not the subject: the heading's name stands
    ("市科技局上半年工作总结", ["一、上半年工作情况", "根据市委的部署，杭州市科技局党组以落实责任制为抓手开展工作。"], "市科技局"),
    # a verb before 社区 is no community's name
    (None, ["现就__社区20__年工会工作情况汇报如下：", "围绕社区中心工作扎实推进创建活动。"], "__社区"),
    # two different fuller names: neither
    ("工会工作总结", ["全年，县总工会围绕中心开展工作。", "市总工会组织了培训。"], "工会"),
])
def test_no_fuller_name_from_an_owner_a_verb_or_two_names(heading, body, unit):
    assert find_unit(heading, lines(*body, *BODY)).value == unit


def test_a_verb_or_adverb_before_a_street_or_community_is_no_name_of_it():
    body = ["一、社区“大党委”工作推进情况", "按照光华路街道工委的部署，戎苑社区成立社区“大党委”，创出社区党建新局面。",
            "戎苑社区建设“大党委”以来，立足社区工作实际，为民排忧解难。"]
    assert find_unit("社区“大党委”工作总结", lines(*body, *BODY)).value == "戎苑社区"
    body = ["在上一年的工作基础上，会战街道将在新的一年采取更多尝试。", "各社区积极参加街道组织的科普活动。"]
    assert find_unit("街道科普下半年工作计划范文", lines(*body, *BODY)).value == "会战街道"


def test_a_viewers_number_before_the_first_text_block():
    first = "1、唐家口街道2024年全域科普工作计划为深入贯彻落实规划纲要，进一步推动科普工作，特制定本计划。"
    assert find_unit(None, lines(first, *BODY)).value == "唐家口街道"


def test_the_text_speaking_as_its_kind_of_body_is_no_name():
    found = find_unit(None, lines("20xx年，我社區在辦事處黨工委的正確領導下，開展全方位的科普宣傳工作。", *BODY))
    assert found.value == "社區"


@pytest.mark.parametrize("heading, body, unit", [
    ("中學黨支部委員會2023年度工作總結", ["一、強化政治學習"], "中學黨支部委員會"),  # run on to 委员会
    (None, ["2025年，宁波市科协将深入学习贯彻党的二十大精神。"], "宁波市科协"),      # a plan's 将
    (None, ["集安市科技馆作为全国科普教育基地，充分利用馆内展教资源。"], "集安市科技馆"),
    (None, ["2017年，是科技馆在服务公众方面取得显著成效的一年。"], "科技馆"),          # 是 is not part of it
])
def test_opening_names_before_a_plan_or_a_role_and_names_run_on_to_a_committee(heading, body, unit):
    assert find_unit(heading, lines(*body, *BODY)).value == unit


def test_a_party_organisations_work_is_no_unit_named_党组():
    found = find_unit("在全省机关基层党组织建设工作推进会上的汇报发言材料", lines("尊敬的各位领导，同志们：", *BODY))
    assert found.value is None  # nor 党组织, a kind of organisation


def test_the_openings_subject_before_a_comma_and_its_guidance_clause():
    body = lines("20__年县教育工会，在县教育局党委、上级工会组织的领导下，坚持围绕中心工作。", *BODY)
    assert find_unit(None, body).value == "县教育工会"


def test_an_agencys_union_or_branch_named_by_its_kind_gives_way_to_the_openings_name():
    body = lines("20__年县教育工会，在县教育局党委、上级工会组织的领导下，坚持围绕中心工作。", *BODY)
    assert find_unit("机关工会工作总结", body).value == "县教育工会"
    assert find_unit("市科技局机关工会工作总结", body).value == "市科技局机关工会"  # the agency named: its union


def test_the_subject_after_a_years_time_phrase_written_年来():
    opening = "2022年来，在区委区政府的坚强领导下，*街道认真贯彻落实区第十次党代会精神，真抓实干。"
    assert find_unit(None, lines(opening, *BODY)).value == "*街道"  # not jieba's 党代会


def test_a_pronoun_before_a_kind_of_body_is_never_written_as_the_unit():
    found = find_unit(None, lines("青联会不断扩大组织规模。现将本协会2015年度各项工作总结如下:", *BODY))
    assert found.value == "协会"  # the kind the text speaks as, not `本协会`


def test_the_opening_speaking_as_its_named_kind_of_body():
    # `我社区居委会` names the body by its kind when no verb from the opening rules follows
    assert find_unit(None, lines("在南湖街道的领导下，我社区居委会调动居民各方面积极性，完成了各项指标。", *BODY)).value == "社区居委会"
    # `我局` alone is the body speaking, no name: not taken by this rule
    assert find_unit(None, lines("在局党组的领导下，我局调动各方面积极性，完成了各项指标。", *BODY)).value != "局"


def test_the_body_a_disclosure_report_says_compiled_it_after_long_citations():
    opening = ("本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称新《条例》）和国务院办公厅政府信息与政务公开办公室"
               "《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号），"
               "由瑞安市科学技术局结合有关统计数据编制。本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。")
    assert opening.index("编制") > 120  # beyond the window the other opening patterns look in
    found = find_unit(None, lines(opening, "一、总体情况", "2024年，市科技局按照上级有关政府信息公开工作的部署要求，不断深化主动公开。"))
    assert found.value == "瑞安市科学技术局"


def test_a_streets_office_is_named_whole_and_a_subject_after_a_clause_on_the_year():
    assert find_unit("九峰街道办事处2024年工作总结及2025年工作计划", lines(*BODY)).value == "九峰街道办事处"
    opening = "2025年是“十四五”规划收官之年，海盐县科协将全面学习贯彻党的二十届三中全会精神，积极落实上级重大决策部署。"
    assert find_unit(None, lines(opening, *BODY)).value == "海盐县科协"
    # a clause on the year followed by something other than the acting body names none
    assert find_unit(None, lines("2025年是“十四五”规划收官之年，全年举办科普讲座二十场。", *BODY)).value is None


def test_a_unit_named_only_by_its_kind_carries_a_note_and_a_dates_tail_is_no_name():
    found = find_unit("工会2025工作规划", lines(*BODY))
    assert found.value == "工会" and found.status == "unsure" and "only its kind" in found.note
    named = find_unit("县科协2023年工作总结", lines(*BODY))
    assert named.value == "县科协" and named.note is None
    # a heading broken around its mask (`XX` / `镇` / `2023` / `年政府工作报告`) leaves `年政府`: no name
    assert find_unit("年政府工作报告", lines(*BODY)).value != "年政府"


@pytest.mark.parametrize("opening", [
    "科学技术是国强民富的内在动力，我镇的科技、科普工作在xx市科技局、科协和镇党委、政府的关心支持下，全面推进。",
    "2023年，在市委、市政府和高新区党工委、管委会的坚强领导下，街道上下团结一心，拼抢实干。",
])
def test_the_bodies_an_opening_says_lead_the_unit_are_not_the_unit(opening):
    assert find_unit(None, lines(opening, "一、主要工作")).value is None


def test_a_body_introducing_itself_is_the_unit():
    assert find_unit(None, lines("一、社区基本情况", "xx社区成立于20xx年7月，辖区面积2.5平方公里，现划分10个居民小区。")).value == "xx社区"
    assert find_unit(None, lines("桂园街道位于城区东部，辖8个社区。", *BODY)).value == "桂园街道"


@pytest.mark.parametrize("heading, opening, unit", [
    ("` 青石镇××年度科技工作总结", "一年来，全镇科技工作取得新进展。", "青石镇"),       # a stray backtick before it
    (None, "20xx年，新津县科技局科普志愿者工作在县委、县政府的正确领导下，开展了各类活动。", "新津县科技局"),
    (None, "在区科技厅的大力支持下，广西老科协于5月17~22日组织离退休老专家开展义诊。", "广西老科协"),
])
def test_more_ways_a_heading_or_opening_names_the_body(heading, opening, unit):
    assert find_unit(heading, lines(opening, *BODY)).value == unit


def test_an_organisation_the_opening_names_as_a_verbs_object_is_not_the_unit():
    opening = "这次执委会议的主要任务是，传达学习中央书记处听取群团组织工作汇报时的重要讲话精神，部署今年的工作。"
    assert find_unit(None, lines(opening, *BODY)).value not in ("中央书记处", "团组织")


def test_a_halls_name_after_the_headings_dash():
    assert find_unit("全国科普教育基地2024年度科普绩效自评报告——中国气象科技展馆", lines(*BODY)).value == "中国气象科技展馆"
