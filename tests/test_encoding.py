"""Pages in legacy code pages and with lying labels come out as the right letters."""

from __future__ import annotations

import codecs

import pytest

from newscrawl import extract_article
from newscrawl.extraction.encoding import decode_html

RU = (
    "<html lang='ru'><head><meta charset='windows-1251'><title>Жители Баку | Агентство</title></head>"
    "<body><article><h1>Жители Баку встретили праздник</h1>"
    + "".join(
        f"<p>Абзац {i}: жители города Баку встретили праздник, президент выступил с речью, "
        f"а вечером на бульваре прошёл концерт и салют.</p>"
        for i in range(1, 7)
    )
    + "</article></body></html>"
)
TR = (
    "<html lang='tr'><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-9'>"
    "<title>Metro | Haber</title></head><body><article><h1>Ankara'da yeni metro hattı açıldı</h1>"
    + "".join(
        f"<p>Paragraf {i}: Ankara'da yeni metro hattı açıldı; şehir içi ulaşım güçlendi, "
        f"öğrenciler ve çalışanlar sevindi, belediye başkanı açıklama yaptı.</p>"
        for i in range(1, 7)
    )
    + "</article></body></html>"
)
AZ = (
    "<html lang='az'><head><title>Park | Xəbər</title></head><body><article><h1>Bakıda yeni park</h1>"
    + "".join(
        f"<p>Abzas {i}: Bakı şəhərində yeni park açılıb, ölkə başçısı mərasimdə iştirak edib "
        f"və sakinlərlə görüşüb, ağaclar əkilib.</p>"
        for i in range(1, 7)
    )
    + "</article></body></html>"
)


@pytest.mark.parametrize(
    ("body", "declared", "letters"),
    [
        (RU.encode("cp1251"), None, "прошёл концерт"),  # legacy Cyrillic, declared by <meta>
        (RU.encode("cp1251"), "windows-1251", "жители города Баку"),
        (TR.encode("iso-8859-9"), None, "ş"),
        (TR.encode("iso-8859-9"), "iso-8859-1", "ş"),  # header and meta disagree: meta is right
        (AZ.encode("utf-8"), "iso-8859-1", "ə"),  # UTF-8 page whose header says latin-1
        (codecs.BOM_UTF8 + AZ.encode("utf-8"), None, "ə"),  # a BOM
        (AZ.encode("utf-16"), None, "ə"),  # UTF-16 with its BOM
    ],
)
def test_the_right_letters_come_out(body: bytes, declared: str | None, letters: str) -> None:
    text, _ = decode_html(body, declared)
    assert letters in text
    record = extract_article(
        body, "https://news.example/2026/11/27/story-about-the-city", encoding=declared
    )
    assert letters in record["articleBody"]
    assert "Ã" not in record["articleBody"] and "Ð" not in record["articleBody"]
