"""A strict Content-Security-Policy: the platform's own scripts and styles only, nothing inline.

The browser tests (test_accessibility.py) fail on any script, style or image a page's policy
refuses; these check the header and the templates themselves."""

import re
from pathlib import Path

import enlace

PACKAGE = Path(enlace.__file__).resolve().parent
# Templates rendered for WeasyPrint (PDF), never served as pages, keep their print styles.
PRINT_TEMPLATES = {
    "reports/templates/reports/document.html",
    "workplan/templates/workplan/document_annex.html",
}


def test_every_page_carries_a_strict_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_no_template_has_inline_style_or_script():
    found = []
    for template in PACKAGE.rglob("templates/**/*.html"):
        relative = str(template.relative_to(PACKAGE))
        if relative in PRINT_TEMPLATES:
            continue
        text = template.read_text(encoding="utf-8")
        if re.search(r"\sstyle=|<style[\s>]|\son[a-z]+=|javascript:", text):
            found.append(relative)
        for script in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in script and "application/json" not in script:
                found.append(f"{relative}: {script}")
    assert not found, found
