"""Broken report files, as text, Word and PDF: a clear refusal or a whole import, never a crash
and never part of a report saved."""

import io
from pathlib import Path

import docx
from hypothesis import given
from hypothesis import strategies as st

from enlace.core.tests.mutations import FILE_FUZZ, broken_bytes
from enlace.imports.services import ImportRefused, import_file
from enlace.meetings.models import Meeting
from enlace.reports.models import Report, ReportPoint

TELA = (Path(__file__).resolve().parents[2] / "demo" / "2008-05-06_tela_honduras.es.txt").read_text(
    encoding="utf-8"
)


def _as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@st.composite
def shuffled_text(draw):
    """The Tela report with lines dropped, repeated or replaced by anything at all."""
    lines = TELA.splitlines()
    for _ in range(draw(st.integers(1, 10))):
        action = draw(st.sampled_from(["drop", "repeat", "replace"]))
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        else:
            lines[at] = draw(st.text(max_size=120))
    return "\n".join(lines)


def _counts() -> tuple[int, int, int]:
    return Meeting.objects.count(), Report.objects.count(), ReportPoint.objects.count()


def test_broken_reports_are_refused_whole(secretariat, net):
    good_docx = _as_docx(TELA)

    @given(
        named=st.one_of(
            st.tuples(st.just("report.txt"), shuffled_text().map(lambda t: t.encode("utf-8"))),
            st.tuples(st.just("report.txt"), broken_bytes(TELA.encode("utf-8"))),
            st.tuples(st.just("report.docx"), broken_bytes(good_docx)),
            st.tuples(st.just("report.pdf"), broken_bytes(b"%PDF-1.4\n" + TELA.encode())),
        )
    )
    @FILE_FUZZ
    def check(named: tuple[str, bytes]) -> None:
        name, content = named
        before = _counts()
        refusal = ""
        try:
            import_file(user=secretariat, name=name, content=content)
        except ImportRefused as refused:
            refusal = str(refused) or "(no reason given)"
        if refusal:
            assert refusal.strip() != "(no reason given)", "a refusal says why"
            assert _counts() == before, "a refused file left part of a report"

    check()
