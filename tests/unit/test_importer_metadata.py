"""Importer, metadata (archive.importer.metadata): title, unit, year, region and category found in
the text, never invented (tests/fixtures/import/corpus.yaml, seeds)."""

from __future__ import annotations

from import_helpers import TRUTH, by_start, dry_json


def test_zunyi_region_and_anonymised_year(seeds_json):
    report = by_start(seeds_json["001"])[405]
    assert report["unit"] == "遵义市科协"
    assert report["region"] == "贵州省/遵义市"
    assert report["year"] is None
    assert any("20**年" in note for note in report["review"])


def test_traditional_report_keeps_its_script_and_year(seeds_json):
    first = seeds_json["003"]["reports"][0]
    assert first["year"] == 2015
    assert first["title"] == "科技局機關黨總支工作報告"
    assert first["unit"] == "科技局機關黨總支"
    second = seeds_json["003"]["reports"][1]
    assert second["title"] == "科技局工會工作總結"


def test_no_region_from_places_merely_mentioned(seeds_json):
    locomotive = seeds_json["000"]["reports"][0]  # an outing to 张家界 is not the factory's region
    assert locomotive["unit"] == "机车厂科协" and locomotive["region"] is None
    for prefix, result in seeds_json.items():
        for report in result["reports"]:
            assert report["region"] is None or not report["region"].endswith(("张家界市", "平湖市"))


def test_no_invented_year_and_no_wrong_region(seeds_json):
    for prefix, labels in TRUTH.items():
        reports = by_start(seeds_json[prefix])
        for label in labels:
            report = reports[label["start"]]
            if report["year"] is not None:
                assert report["year"] == label["year"], (prefix, label["start"])
            if report["region"] is not None:
                assert report["region"] == label["region"], (prefix, label["start"])


def test_every_stated_year_found(seeds_json):
    for prefix, labels in TRUTH.items():
        reports = by_start(seeds_json[prefix])
        for label in labels:
            if label["year"] is not None:
                assert reports[label["start"]]["year"] == label["year"], (prefix, label["start"])


def test_taipinghu_is_not_pinghu(tmp_path):
    raw = tmp_path / "taipinghu.txt"
    raw.write_text("太平湖景区管委会2016年工作总结\n2016年，太平湖景区管委会在区委、区政府的领导下，"
                   "围绕平湖旅游发展，开展科普宣传和环境整治工作，组织游客参观太平湖。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["year"] == 2016
    assert report["region"] is None


def test_chinese_numeral_year(tmp_path):
    raw = tmp_path / "cn.txt"
    raw.write_text("二〇〇九年县科协工作总结\n二〇〇九年，县科协在县委的领导下，认真开展科普工作，取得较好成绩。"
                   "全年举办科普讲座十二次，培训农民三千人次。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["year"] == 2009
    assert report["category"] == "工作总结"


def test_unit_the_text_makes_the_subject_of_its_work(seeds_json, tmp_path):
    expected = {("002", 327): "临沂市科技馆", ("002", 353): "网络安全工作委员会", ("002", 67): "心理实践社",
                ("004", 100): "温度医化中心"}
    for (prefix, start), unit in expected.items():
        report = by_start(seeds_json[prefix])[start]
        assert report["unit"] == unit
        assert any(note.startswith("unit:") and unit in note for note in report["review"])
    assert by_start(seeds_json["002"])[327]["region"] == "山东省/临沂市"
    assert by_start(seeds_json["001"])[53]["unit"] is None  # 我村… and 页岩油化工厂…: two bodies speak
    raw = tmp_path / "centre.txt"
    text = ("工作计划\n一、加强队伍建设\n年内，城东检测中心积极组织人员参加培训和能力比对，提高检测水平，"
            "全年参加比对三次，取得满意结果。\n二、拓展业务\n今年我中心到市外检测十余次，业务收入稳步增长。\n")
    raw.write_text(text, encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["unit"] == "城东检测中心" and any("城东检测中心" in n for n in report["review"])
    raw.write_text(text + "三、我村科普\n我村科普示范户增加。\n", encoding="utf-8")
    assert dry_json(tmp_path / "b", raw)[0]["reports"][0]["unit"] is None


def _category(heading, *body):
    from archive.importer.clean import Line
    from archive.importer.metadata import Describer
    from archive.regions import region_tree

    describer = Describer(region_tree(), ["工作总结", "工作计划", "工作报告", "述职报告", "其他"], 2026)
    return describer.category(heading, [Line(i, t) for i, t in enumerate(body, start=1)], None).value


def test_the_first_kind_a_heading_names_is_the_reports():
    assert _category("县科协2021年工作总结和2022年工作计划", "正文。") == "工作总结"
    assert _category("各县科协7月份重点工作完成情况及8月份重点工作计划", "正文。") == "工作总结"
    assert _category("2023年全县科协工作方案", "正文。") == "工作计划"
    assert _category("科技局一季度情况小结", "正文。") == "工作总结"
    assert _category("科技局局长述职报告", "正文。") == "述职报告"


def test_kind_from_a_title_run_into_the_first_line_or_an_office_holders_account():
    assert _category(None, "县科学技术局2021年度工作总结范文及2022年度工作安排县科学技术局2021年工作总结如下") == "工作总结"
    assert _category(None, "尊敬的领导、各位同事：", "大家好！我是科局的局长，今天向大家汇报我的工作情况。") == "述职报告"


def test_a_notice_forwarding_a_summary_is_a_notice():
    assert _category("县科协关于印发《县科协2022年工作要点》的通知", "各乡镇科协：") == "其他"
    assert _category("县科协2022年工作要点", "全年工作安排如下。") == "工作计划"
    # a website's heading calls it a 工作报告; its opening says it is a notice
    assert _category("市科协工作报告", "各学会、各县科协：", "年会定于3月召开。现将有关事项通知如下：") == "其他"


def test_an_official_documents_long_title_is_its_heading(tmp_path):
    raw = tmp_path / "notice.txt"
    raw.write_text("遵义市老科技工作者协会关于印发《遵义市老科技工作者协会2021年工作总结及2022年工作意见》的通知\n\n"
                   "各县（市、区）老科协：\n\n现将《2021年工作总结》印发给你们，请结合实际认真贯彻落实。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["unit"] == "遵义市老科技工作者协会" and report["year"] == 2021
    assert report["category"] == "其他" and report["region"] == "贵州省/遵义市"


def test_a_kind_word_inside_a_sentence_is_no_title_run_into_the_line():
    # `各类科技计划项目` is a noun of the sentence, not a 工作计划's title
    assert _category(None, "全年争取国家、省各类科技计划项目二十项，获资金支持五百万元。") != "工作计划"
    assert _category(None, "1、某县科协2019年科普惠农指标完成情况报告一、科普宣传。全年开展活动十次。") == "工作报告"


def test_a_congress_report_after_its_address_to_the_audience():
    assert _category(None, "各位领导、各位代表：", "上午好！", "我受学会第一届理事会的委托，向大家做工作报告。") == "工作报告"
    assert _category(None, "一年来，镇工会围绕中心工作，特作汇报：", "一、基本情况") == "工作报告"


def test_a_text_naming_no_kind_is_told_by_its_opening_unsure():
    assert _category(None, "镇工会在镇党委领导下，健全工作机制，今年着重做了以下几方面工作：", "一、推进维权工作") == "工作总结"
    assert _category(None, "（一）抓好高新技术企业培育。力争新增高新技术企业20家以上。", "（二）推动研发投入") == "工作计划"
    assert _category(None, "（一）高新技术企业培育。", "（二）研发投入。") == "其他"


def test_an_opening_speech_is_other_and_a_work_report_named_in_it_is_not_its_kind():
    assert _category(None, "科学技术协会代表大会开幕词，各位代表：大会的主要议程是听取和审议委员会的工作报告。") == "其他"
    assert _category("县科协2022年重点工作谋划", "（一）强化会员工作。") == "工作计划"


def test_a_heading_that_is_the_pages_title_numbered_gives_way_to_the_texts_announcement():
    from archive.importer.clean import Line
    from archive.importer.metadata import Describer
    from archive.regions import region_tree

    describer = Describer(region_tree(), ["工作总结", "工作计划", "工作报告", "述职报告", "其他"], 2026)
    body = [Line(1, "一年来，我镇工会在上级工会的指导下开展了一系列活动，特作汇报："), Line(2, "一、基本情况")]
    assert describer.category("乡镇工会工作总结1", body, "乡镇工会工作总结").value == "工作报告"
    # the report's own heading keeps its word
    assert describer.category("某县科协2021年工作总结和2022年工作计划", body, "科协工作总结9篇").value == "工作总结"


def test_under_a_heading_repeating_the_pages_title_the_texts_own_title_run_into_its_line_comes_first():
    from archive.importer.clean import Line
    from archive.importer.metadata import Describer
    from archive.regions import region_tree

    describer = Describer(region_tree(), ["工作总结", "工作计划", "工作报告", "述职报告", "其他"], 2026)
    body = [Line(1, "XX 县科学技术协会 2021 年工作总结和 2022 年工作计划 2021 年以来，县科协扎实工作。现将工作情况汇报如下"),
            Line(2, "一、2021 年工作情况")]
    assert describer.category("篇一:科协工作报告科教兴国", body, "科协工作报告科教兴国9篇").value == "工作总结"


def test_a_text_calling_itself_a_report_is_a_work_report():
    assert _category(None, "本报告根据《中华人民共和国政府信息公开条例》编制。", "一、总体情况") == "工作报告"


def test_a_sentence_of_the_first_lines_saying_it_reports_outweighs_a_compilations_label():
    from archive.importer.clean import Line
    from archive.importer.metadata import Describer
    from archive.regions import region_tree

    describer = Describer(region_tree(), ["工作总结", "工作计划", "工作报告", "述职报告", "其他"], 2026)
    body = [Line(1, "一、市科协的基本情况"), Line(2, "市科协内设3个职能部（室）。"), Line(3, "二、20xx年工作情况"),
            Line(4, "下面，把市科协20xx年工作情况简要汇报一下。")]
    assert describer.category(None, body, "科协工作总结材料 第1篇").value == "工作报告"
    # without it, the compilation's label, unsure; and a heading of its own keeps its word
    assert describer.category(None, body[:3], "科协工作总结材料 第1篇").value == "工作总结"
    assert describer.category("市科协2021年工作总结", body, None).value == "工作总结"


def test_an_opening_on_the_half_year_past_or_on_what_the_body_will_do_tells_its_kind():
    assert _category(None, "上半年，我们支部根据学院党总支的要求，结合实际开展工作。", "一、基本情况") == "工作总结"
    assert _category(None, "2025年，市科协将深入学习贯彻会议精神，推动各项工作。", "一、强化引领") == "工作计划"
    # a half year whose opening sets out work to do is told by nothing
    assert _category(None, "上半年，我局将深入推进项目建设。", "一、项目") == "其他"


def test_a_websites_title_comes_after_what_the_text_says_it_is():
    # a website's title for the page (范文, 精选, N篇) gives way to the text's announcement of a kind
    assert _category("2023年科协工作计划范文(精选5篇)", "2023年，县科协圆满完成了各项任务，现将工作总结如下：", "一、主要工作") == "工作总结"
    assert _category("科协工作总结范文精选", "现将本人一年来的述职情况报告如下：", "一、主要工作") == "述职报告"
    assert _category("科协工作总结范文", "尊敬的各位领导：", "我是县科协主席，现将一年来的履职情况报告如下。") == "述职报告"
    # `汇报如下` names no kind (a summary is reported too): the title's 总结 stands
    assert _category("科技局工作总结范文", "全年来，我局顺利完成了各项目标任务。现将全年完成情况汇报如下：") == "工作总结"
    # the report's own heading is not outweighed by its announcement
    assert _category("县科协2023年工作计划", "现将工作总结如下：", "一、主要工作") == "工作计划"


def test_a_text_naming_no_kind_takes_the_websites_words_for_the_page_last():
    from archive.importer.clean import Line
    from archive.importer.finding import UNSURE
    from archive.importer.metadata import Describer
    from archive.regions import region_tree

    describer = Describer(region_tree(), ["工作总结", "工作计划", "工作报告", "述职报告", "其他"], 2026)
    body = [Line(2, "2009年，我校党支部以建国60周年为契机，在教育局党委的领导下，以落实制度为抓手。"), Line(3, "一、深化学习，岗位实践。")]
    blurb = ["前言:本站为你精心整理了教育局发展学校党支部计划范文,希望能为你的创作提供参考价值"]
    found = describer.category(None, body, None, blurb)
    assert found.value == "工作计划" and found.status == UNSURE and "website" in found.note
    assert describer.category(None, body, None, []).value == "其他"
    # the text's own heading comes before the website's words
    assert describer.category("学校党支部2009年工作总结", body, None, blurb).value == "工作总结"


def test_a_congress_reports_title_naming_no_kind_its_speaker_and_its_announcement():
    from archive.importer.clean import Line
    from archive.importer.metadata import Describer
    from archive.regions import region_tree

    describer = Describer(region_tree(), ["工作总结", "工作计划", "工作报告", "述职报告", "其他"], 2026)
    lines = [Line(5, "围绕中心 服务大局"), Line(7, "各位委员:"),
             Line(9, "现在,我受十堰市科协二届常委会的委托,向大会报告工作,请予审议。"), Line(10, "一、二00五年工作回顾")]
    found = describer.describe(lines, None, None, "全文", only_report=True)
    assert found.title.value == "围绕中心 服务大局"
    assert found.unit.value == "十堰市科协"          # not 围绕中心: a verb opens the title
    assert found.category.value == "工作报告"        # 向大会报告工作
    assert found.region.value == "湖北省/十堰市"


def test_a_text_saying_it_compiled_this_report_is_a_work_report():
    # a government body's information-disclosure annual report: `…规定编制本报告。`
    assert _category(None, "根据《中华人民共和国政府信息公开条例》规定编制本报告。由某某区科学技术局编制。",
                     "一、总体情况") == "工作报告"
    assert _category(None, "我们编制了本年度工作计划。", "一、总体情况") != "工作报告"


def test_an_opening_publishing_the_report_by_its_own_title_gives_its_heading(tmp_path):
    raw = tmp_path / "disclosure.txt"
    raw.write_text("根据《中华人民共和国政府信息公开条例》要求，现发布《遵义市科学技术局2024年政府信息公开工作年度报告》。"
                   "本报告由总体情况、主动公开政府信息情况等部分组成。\n一、总体情况\n"
                   "2024年，我局进一步健全信息公开制度，规范公开内容，拓展公开渠道，及时准确地向社会公开政府信息。\n",
                   encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["unit"] == "遵义市科学技术局" and report["year"] == 2024
    assert report["category"] == "工作报告" and report["region"] == "贵州省/遵义市"
    # `印发《…》` issues another document: no heading taken from it
    raw.write_text("现印发《遵义市科学技术局2024年工作要点》，请认真贯彻落实。\n一、总体情况\n全年举办科普讲座二十场。\n",
                   encoding="utf-8")
    issued = dry_json(tmp_path / "b", raw)[0]["reports"][0]
    assert issued["unit"] is None and "遵义市科学技术局" not in issued["title"]


def test_an_opening_saying_it_sets_out_a_plan_or_programme_is_a_plan():
    assert _category(None, "为提供更加便捷的党群服务，我们制定了以下社区党群服务中心建设方案。", "一、功能定位") == "工作计划"
    # a summary's plan made during the year is no announcement of the text's own kind
    assert _category(None, "年初，县科协制定了科普工作计划，一年来圆满完成了各项任务。", "一、主要工作") == "工作总结"


def test_a_heading_broken_before_its_kind_word_is_one_heading(tmp_path):
    raw = tmp_path / "points.txt"
    raw.write_text("2019年第四季度科技宣传及科技信息\n工作要点\n2019年第四季度，全市科技宣传及信息工作要紧紧围绕市委、市政府的中心工作，"
                   "及时反映科技工作动态。\n1. 开展专题教育的做法及成效。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["title"].startswith("2019年第四季度科技宣传及科技信息工作要点") and report["category"] == "工作计划"
