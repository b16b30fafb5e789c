"""Small strategy documents for the tests, written here so that no fixture file can go stale."""

from __future__ import annotations

import io
import zipfile

from obieg.strategies.pdf_writer import text_pdf, write_pdf

ENERGY_EN = [
    "The city will install photovoltaic panels on the roofs of schools and public buildings, "
    "replace coal boilers with heat pumps and connect households to the district heating "
    "network, so that renewable energy covers a third of demand by 2030.",
    "A municipal energy agency will advise residents on thermal renovation and energy "
    "efficiency of their homes, and support energy communities that share solar power.",
    "Separate collection of municipal waste, a repair café network and a reuse centre will "
    "raise the recycling rate to 65 percent and cut landfilled waste by half.",
    "Bus lanes, safe cycling routes and zero-emission electric buses will reduce air "
    "pollution and greenhouse gas emissions from urban transport.",
]
WASTE_PL = [
    "Gmina wprowadzi selektywną zbiórkę odpadów komunalnych, punkt napraw i ponownego użycia "
    "oraz program zapobiegania marnowaniu żywności, aby zwiększyć poziom recyklingu.",
    "Miasto zmodernizuje sieć ciepłowniczą, zainstaluje panele fotowoltaiczne na budynkach "
    "publicznych i wesprze mieszkańców w termomodernizacji domów.",
]
SCRIPT_HTML = b"""<!doctype html><html><head><title>Strategy</title>
<script>document.body.innerHTML = '<img src=x onerror=alert(1)>';</script></head>
<body><nav>Menu</nav><main><h1>Green city strategy</h1>
<p>The municipality will plant trees, protect urban green areas and restore wetlands to
protect biodiversity and adapt to heat waves and floods caused by climate change.</p>
<p>Rainwater retention, green roofs and permeable pavements will reduce flood risk in the
city centre, and a climate adaptation plan will guide investments until 2035.</p>
<script>fetch('/steal?c=' + document.cookie)</script></main></body></html>"""


def energy_pdf() -> bytes:
    return text_pdf(ENERGY_EN)


def scanned_pdf() -> bytes:
    return write_pdf([[""]] * 4, with_text=False)


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(energy_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (30 * 1024 * 1024))
    return buffer.getvalue()


def simple_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
