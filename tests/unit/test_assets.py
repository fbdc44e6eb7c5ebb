"""Which theme files the site leaves out, and the source-map comment of the rest (archive.assets)."""

from archive.assets import names_source_map, unused_theme_file, without_source_map


def test_material_search_and_source_maps_are_unused():
    assert unused_theme_file("assets/javascripts/lunr/min/lunr.zh.min.js")
    assert unused_theme_file("assets/javascripts/lunr/wordcut.js")
    assert unused_theme_file("assets/javascripts/workers/search.a7633da7.min.js")
    assert unused_theme_file("assets/javascripts/bundle.a5f9d56c.min.js.map")
    assert unused_theme_file("assets/stylesheets/main.57a0d79d.min.css.map")
    assert not unused_theme_file("assets/javascripts/bundle.a5f9d56c.min.js")
    assert not unused_theme_file("assets/stylesheets/palette.fb2fffe2.min.css")
    assert not unused_theme_file("assets/search/engine.js")  # the archive's own search
    assert not unused_theme_file("assets/images/favicon.png")


def test_only_minified_files_that_stay_lose_their_map_comment():
    assert names_source_map("assets/javascripts/bundle.a5f9d56c.min.js")
    assert names_source_map("assets/stylesheets/main.57a0d79d.min.css")
    assert not names_source_map("assets/javascripts/workers/search.a7633da7.min.js")
    assert not names_source_map("assets/archive.js")


def test_the_map_comment_goes_and_nothing_else():
    js = "!function(){var a=1}();\n//# sourceMappingURL=bundle.a5f9d56c.min.js.map\n\n"
    assert without_source_map(js) == "!function(){var a=1}();"
    css = "a{color:red}\n/*# sourceMappingURL=main.min.css.map */"
    assert without_source_map(css) == "a{color:red}"
    kept = "a{color:red}/* sourceMappingURL is not a comment here */x{}"
    assert without_source_map(kept) == kept
    assert without_source_map("var s='//# sourceMappingURL=x';f(s)") == "var s='//# sourceMappingURL=x';f(s)"
