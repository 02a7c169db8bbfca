"""samverka.richtext: Markdown in, sanitised HTML out."""

from samverka.richtext import render_markdown


def test_empty_text_is_empty():
    assert render_markdown("") == ""


def test_paragraphs_and_emphasis():
    assert render_markdown("Hej *du*.") == "<p>Hej <em>du</em>.</p>"


def test_script_is_removed_with_its_content():
    assert render_markdown("a <script>alert(1)</script> b") == "<p>a  b</p>"


def test_event_attributes_are_removed():
    assert render_markdown('<img src="x" onerror="alert(1)">') == "<p></p>"


def test_javascript_links_lose_their_href():
    assert render_markdown("[x](javascript:alert(1))") == '<p><a rel="noopener">x</a></p>'


def test_mailto_and_tel_links_stay():
    html = render_markdown("[e](mailto:a@example.org) [t](tel:+4684650045)")
    assert '<a href="mailto:a@example.org" rel="noopener">e</a>' in html
    assert '<a href="tel:+4684650045" rel="noopener">t</a>' in html


def test_style_attributes_are_removed():
    assert render_markdown('<p style="color:red">s</p>') == "<p>s</p>"


def test_headings_start_at_h2_by_default():
    assert render_markdown("# A\n\n## B") == "<h2>A</h2>\n<h3>B</h3>"


def test_headings_start_where_asked():
    assert render_markdown("## A", top_level=3) == "<h3>A</h3>"


def test_deep_headings_close_the_gap():
    assert render_markdown("#### A") == "<h2>A</h2>"


def test_headings_never_go_past_h6():
    assert render_markdown("# A\n\n###### F", top_level=3) == "<h3>A</h3>\n<h6>F</h6>"


def test_template_filter(db):
    from django.template import engines

    template = engines["django"].from_string("{% load richtext %}{{ text|markdown:3 }}")
    assert template.render({"text": "# T <script>x</script>"}) == "<h3>T </h3>"
