"""Importer, website chrome (archive.importer.chrome, used by clean and split): chrome lines of any
site are removed from a page, report lines (headings, numbered section titles, signatures, short
sentences) are kept, and chrome never becomes a report of its own."""

from __future__ import annotations

import pytest

from archive.importer.chrome import FEATURES, THRESHOLD, classify, line_features
from archive.importer.clean import clean
from archive.importer.split import split

PAGE = """网站首页 | 工作总结 | 工作计划 | 述职报告 | 心得体会
您现在的位置：首页 > 工作总结 > 科协工作总结
XX县科协2015年工作总结
发布者：admin  发布时间：2016-01-05 09:12  浏览次数：328
【字体：大 中 小】 【打印】 【关闭】
XX县科协2015年工作总结
2015年，县科协在县委、县政府的正确领导下，在市科协的指导下，紧紧围绕全县中心工作，扎实开展各项工作。现将一年来的工作总结如下：
一、工作回顾
（一）科普宣传深入开展
全年共举办科普讲座25场，受益群众3000余人。
二、存在问题
经费不足。
三、2016年工作打算
继续抓好科普示范县创建工作。
XX县科协
2015年12月20日
上一篇：XX县科协2014年工作总结
下一篇：XX县科技局2015年工作计划
相关文章
扫一扫，手机阅读
版权所有 © 2016 XX县科学技术协会  技术支持：XX网络
ICP备12345678号
"""

DOC_SITE = """温馨提示：
1. 部分包含公式的文件，预览时可能显示异常，文件下载后无此问题，请放心下载。
2. 本文档由用户上传，如果您对本文档版权有争议请及时联系客服。
乡镇科协2016年工作总结.docx
上传人：ab****1  文档编号：12345  上传时间：2023-09-13  格式：DOCX  页数：5  大小：35.5KB
返回 下载 相关 举报
乡镇科协2016年工作总结.docx_第1页
第1页 / 共5页
1/5
- 2页
乡镇科协2016年工作总结
　　2016年，我乡科协在乡党委、政府的领导下，认真开展科普工作，取得了较好成效。
　　一、主要工作
　　1.开展科普宣传活动12次。
　　2.培训农民500人次。
　　XX乡科学技术协会
　　2016.12.28
下载文档到电脑，查找使用更方便
还剩3页未读，继续阅读
"""

BLURBS = """科协工作总结（精选5篇）
总结是对过去一定时期的工作加以回顾和分析的书面材料，它可以让我们少走弯路。那么总结怎么写呢？下面是小编为大家整理的科协工作总结，欢迎阅读与分享。
时间：2023.08.03  作者：笔杆子  阅读 3851
XX市科协工作总结
今年以来，市科协在市委、市政府的领导下，围绕中心、服务大局，各项工作取得明显成效。
"""


def _kept(text: str) -> list[str]:
    cleaned = clean(text)
    parts = split(cleaned.lines)
    return [line.stripped for part in parts.parts for line in part.lines]


def _lines(text: str) -> list[str]:
    return [line.strip(" \u3000") for line in text.split("\n") if line.strip(" \u3000")]


@pytest.mark.parametrize("chrome", [
    "网站首页 | 工作总结 | 工作计划 | 述职报告 | 心得体会", "发布者：admin  发布时间：2016-01-05 09:12  浏览次数：328",
    "【字体：大 中 小】 【打印】 【关闭】", "上一篇：XX县科协2014年工作总结", "下一篇：XX县科技局2015年工作计划", "相关文章",
    "扫一扫，手机阅读", "版权所有 © 2016 XX县科学技术协会  技术支持：XX网络", "ICP备12345678号",
])
def test_portal_chrome_before_and_after_the_report_removed(chrome):
    assert chrome not in _kept(PAGE)


@pytest.mark.parametrize("text", [
    "XX县科协2015年工作总结", "一、工作回顾", "（一）科普宣传深入开展", "全年共举办科普讲座25场，受益群众3000余人。",
    "二、存在问题", "经费不足。", "三、2016年工作打算", "继续抓好科普示范县创建工作。", "XX县科协", "2015年12月20日",
])
def test_report_lines_kept(text):
    assert text in _kept(PAGE)


def test_one_report_and_it_ends_with_its_signature():
    parts = split(clean(PAGE).lines)
    assert len(parts.parts) == 1
    assert parts.parts[0].lines[-1].stripped == "2015年12月20日"
    assert not parts.truncated


@pytest.mark.parametrize("chrome", [
    "温馨提示：", "1. 部分包含公式的文件，预览时可能显示异常，文件下载后无此问题，请放心下载。",
    "2. 本文档由用户上传，如果您对本文档版权有争议请及时联系客服。", "乡镇科协2016年工作总结.docx",
    "上传人：ab****1  文档编号：12345  上传时间：2023-09-13  格式：DOCX  页数：5  大小：35.5KB", "返回 下载 相关 举报",
    "乡镇科协2016年工作总结.docx_第1页", "第1页 / 共5页", "1/5", "- 2页", "下载文档到电脑，查找使用更方便",
    "还剩3页未读，继续阅读",
])
def test_document_site_chrome_removed(chrome):
    assert chrome not in _kept(DOC_SITE)


def test_document_site_report_kept_whole():
    lines = _lines(DOC_SITE)
    start = lines.index("乡镇科协2016年工作总结")
    assert _kept(DOC_SITE) == lines[start : start + 7]
    assert lines[start + 6] == "2016.12.28"


def test_editors_blurb_and_widgets_removed_heading_and_body_kept():
    kept = _kept(BLURBS)
    assert kept == ["XX市科协工作总结", _lines(BLURBS)[-1]]


@pytest.mark.parametrize("line", [
    "总结是指对某一阶段的工作加以总结和概括的书面材料，它可以明确下一步的工作方向，因此，让我们写一份总结吧。",
    "下面是小编为大家整理的县科学技术局工作总结，供大家参考。", "您好，欢迎访问XX文档", "微信扫码分享", "好学生 分享 时间:",
    "2021-11-27 18:25:28 阅读 3851", "37.5 KB", "第2页 / 共8页", "【www.example.com--活动总结】", "/p>",
])
def test_chrome_scores_over_the_threshold_on_its_own(line):
    assert classify([line])[0].chrome


@pytest.mark.parametrize("line", [
    "一、工作回顾", "（二）加强学会建设，提高服务能力。", "XX县科协 2015年12月20日", "经费不足。", "县政府：",
    "尊敬的各位领导、同志们：", "科协发〔2015〕12号", "全年组织工会会员开展文体活动6次，上传下达各类文件32份。",
    "会议时间：1月20日上午9:00，在县科技馆三楼召开。",
])
def test_report_lines_score_under_the_threshold(line):
    verdict = classify(["XX县科协2015年工作总结", line, "今年，县科协在县委的领导下，认真开展各项工作，取得了新的成绩。"])[1]
    assert not verdict.chrome, verdict.features


def test_features_are_named_and_documented():
    assert THRESHOLD > 0
    for name, feature in FEATURES.items():
        assert feature.name == name and feature.doc and feature.weight
    assert set(line_features("时间：2022-05-28 10:05:44")) >= {"meta_label", "timestamp", "clock"}


def test_repeated_page_titles_never_become_reports():
    page = ("县科协工作总结\n时间：2024-09-10 08:58:21 工作总结 我要投稿\n县科协工作总结\n县科协工作总结\n"
            "今年以来，县科协在县委、县政府的领导下，扎实开展科普工作，取得了明显成效。\n一、主要工作\n"
            "县科协工作总结\n（一）抓好科普宣传。\n")
    parts = split(clean(page).lines)
    assert len(parts.parts) == 1
    texts = [line.stripped for line in parts.parts[0].lines]
    assert texts.count("县科协工作总结") == 1 and texts[0] == "县科协工作总结"


def test_a_part_of_headings_and_bylines_joins_the_report_after_it():
    page = ("省科协工作报告\n省科协主席、院士张三同志\n作省科协七届委员会《工作报告》\n"
            "各位代表：我受省科协第七届委员会委托，向大会作工作报告，请各位代表审议。\n五年来的主要工作。\n")
    parts = split(clean(page).lines)
    assert len(parts.parts) == 1
    assert [line.stripped for line in parts.parts[0].lines][:2] == ["省科协工作报告", "省科协主席、院士张三同志"]


def test_cut_off_page_still_gives_its_report_and_says_so():
    page = "市科协工作总结\n今年，市科协认真开展科普宣传活动，组织科技下乡12次。\n另外，市科协还充分"
    parts = split(clean(page).lines)
    assert len(parts.parts) == 1 and parts.truncated
    assert parts.parts[0].lines[-1].stripped == "另外，市科协还充分"


def test_a_tag_line_of_short_phrases_above_the_report_is_chrome():
    page = ("博览群书、集思广益、择善而从\n示例网:范文库 | 时间:2021-09-29 08:26:38\n某县科协科普工作总结\n"
            "一年来，某县科协在县委、县政府的正确领导下，扎实开展科普下乡、科普进校园等活动，成效明显。\n"
            "一、主要工作\n（一）抓好科普宣传。\n")
    kept = [line.stripped for part in split(clean(page).lines).parts for line in part.lines]
    assert "博览群书、集思广益、择善而从" not in kept
    assert kept[0] == "某县科协科普工作总结" and "（一）抓好科普宣传。" in kept
    # the same shape inside the report is a report's line (a list of its tasks), never scored so
    verdicts = classify(["某县科协科普工作总结", "一年来，县科协扎实开展科普下乡活动，组织专家下乡服务，成效明显。", "科普宣传、科技培训、学术交流"])
    assert "keyword_list" not in verdicts[2].features


def test_a_document_id_line_is_chrome():
    assert line_features("ID:61299780").get("meta_label")


def test_a_table_typeset_with_bars_in_the_report_is_kept():
    page = ("某单位工会工作总结\n一年来，工会在本单位党政的领导下，积极履行维护职工权益的职责，完成了各项任务。\n"
            "二、存在的问题\n问题类别 | 具体表现 |\n组织建设 | 部分基层工会组织不够健全 |\n活动形式 | 内容单一 |\n")
    kept = [line.stripped for part in split(clean(page).lines).parts for line in part.lines]
    assert "问题类别 | 具体表现 |" in kept and "活动形式 | 内容单一 |" in kept
    # a site's menu cut by bars above the report still goes
    assert not any("网站首页" in s for s in [line.stripped for part in split(clean(PAGE).lines).parts for line in part.lines])


def test_a_heading_the_site_repeats_under_the_first_paragraph_starts_no_report():
    page = ("某县科协全民科学素质工作总结与计划\n"
            "为深入实施《全民科学素质行动计划纲要》，一年来，县科协在县委、县政府的领导下，扎实开展科普工作，社会效益明显。\n"
            "某县科协全民科学素质工作总结与计划\n一、主要工作业绩\n（一）建立健全农村专业技术协会，促进产业发展。\n")
    parts = split(clean(page).lines).parts
    assert len(parts) == 1
    assert [line.stripped for line in parts[0].lines].count("某县科协全民科学素质工作总结与计划") == 1


def test_a_government_sites_metadata_table_is_chrome():
    page = ("• 索 引 号:AB01304-3000-2023-00001\n    • 备注/文号:某政科〔2023〕1号\n    • 发布机构:某市某区科学技术局\n"
            "文号:\n时效:\n某区科学技术局2022年政府信息公开工作年度报告\n"
            "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
            "一、总体情况\n2022年，区科技局不断加大政府信息主动公开力度，取得了一定成效。\n")
    kept = [line.stripped for part in split(clean(page).lines).parts for line in part.lines]
    assert kept[0] == "某区科学技术局2022年政府信息公开工作年度报告"
    assert not any(s.startswith(("•", "文号", "时效")) for s in kept)
    # a document number the report itself carries above its title is still the report's
    assert line_features("某科协发〔2015〕12号").get("doc_number")


def test_the_first_paragraph_under_a_section_heading_starts_no_report():
    page = ("某区科学技术局2022年政府信息公开工作年度报告\n"
            "根据《中华人民共和国政府信息公开条例》，现就推进政府信息公开工作情况，向社会公布本年度报告，请予监督。\n"
            "一、总体情况\n2022年，某区科学技术局深入贯彻落实条例，聚焦中心工作。现将政务公开工作报告如下：\n"
            "（一）主动公开情况。全年主动公开政府信息36条。\n")
    assert len(split(clean(page).lines).parts) == 1


@pytest.mark.parametrize("line", [
    "全市科学家精神宣讲会在甬举办",                                # a news headline linking the site's articles
    "走近老科学家——“践行科学思想,发展新质生产力”主题活动在甬举办",  # its comma is inside the quotation
])
def test_news_headlines_and_login_prompts_between_a_reports_paragraphs_are_chrome(line):
    page = ["2025年，市科协将深入学习贯彻党的二十大精神，紧紧围绕市委决策部署，持续推进各项工作。", line,
            "全面加强党的建设，大力弘扬科学家精神，持续推进科学家精神教育基地提质扩容，开展宣讲活动100场次以上。"]
    assert classify(page)[1].chrome, classify(page)[1].features


@pytest.mark.parametrize("line", [
    "（三）科技活动周活动在市广场隆重举行",   # numbered: the report's own section
    "5月16日，全县科普日活动在文化广场举行。",  # a sentence of the report
])
def test_a_reports_own_section_or_sentence_on_an_event_is_not_a_headline(line):
    page = ["今年，县科协在县委的领导下，认真开展各项工作，取得了新的成绩，现总结如下。", line,
            "活动期间共发放科普资料3000余份，接受群众咨询500余人次，展出科普展板50余块，受到群众欢迎。"]
    assert not classify(page)[1].chrome, classify(page)[1].features


def test_a_login_prompt_where_a_page_cuts_its_text_off_is_chrome():
    page = ["县科协工作汇报", "近年来，县科协紧扣中心任务，持之以恒抓基础、强基层，现将有关工作进展情况汇报如下：",
            "(阅读全部图文内容,您需要先登录!)"]
    assert classify(page)[2].chrome, classify(page)[2].features


_BODY = ("今年来，在市委、市政府的正确领导下，我们坚持以科技创新工作为重点，紧紧围绕创新驱动发展，积极实施创业主体培育工程。"
         "现将主要工作总结如下：一、科技项目申报有成效。全年组织企业申报省级项目八项、市级项目十项，其中五项已经获得立项。"
         "二、做好项目验收工作。根据省科技厅下达的项目验收通知，及时组织相关单位准备并提交验收资料，等待上级部门审核。"
         "三、积极培育高新技术企业。认真开展高新技术企业培育工作，全年新增高新技术企业六家，科技型中小企业二十家。"
         "四、加强科普宣传。全年共举办科普讲座十五场，受益群众三千余人，发放宣传资料一万余份，群众满意度明显提高。")


def test_a_site_blurb_run_into_the_reports_running_text_keeps_the_text():
    line = "老金范文,海量公文素材资料,下载网址:www.laojinfanwen.com 市科技局2022年工作总结 " + _BODY
    assert sum(line_features(line).values()) < THRESHOLD
    # the same words spread through a long line make it the site's
    notice = ("本文档由用户上传，本站不保证质量。" + _BODY[:120] + "下载前请先登录，版权归属内容提供方，联系客服。" + _BODY[120:]
              + "网址：www.example.com")
    assert sum(line_features(notice).values()) >= THRESHOLD
