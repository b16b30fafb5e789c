"""The shipped catalogues: Polish complete, every catalogue compiled and its placeholders intact."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parents[1] / "obieg" / "locale"
LANGUAGES = ["pl", "cs", "sk", "hu"]
# A python-format directive; only its name and conversion must survive translation, so a
# translator may write "20%-os" where the English has "20 % on".
PYTHON_FORMAT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])")
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)")
BRACE_PLACEHOLDER = re.compile(r"\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    """One message of a .po file, with its flags and every msgstr form."""

    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def plural(self) -> str | None:
        return self.fields.get("msgid_plural")

    @property
    def forms(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]


def unescape(text: str) -> str:
    """Undo the C-style escapes of a quoted PO string."""
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text)


def parse_block(block: str) -> Entry:
    """Read one blank-line-separated PO block; continuation lines extend the last keyword."""
    entry, key = Entry(), ""
    for line in block.splitlines():
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif match := KEYWORD.match(line):
            key = match.group(1)
            entry.fields[key] = unescape(match.group(2))
        elif line.startswith('"'):
            entry.fields[key] += unescape(line[1:-1])
    return entry


@cache
def catalogue(language: str) -> tuple[Entry, list[Entry]]:
    """Return the header and the messages of a language's django.po."""
    text = (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = [parse_block(block) for block in re.split(r"\n\s*\n", text.strip())]
    entries = [entry for entry in entries if "msgid" in entry.fields]
    return entries[0], entries[1:]


def nplurals(language: str) -> int:
    header = catalogue(language)[0].fields["msgstr"]
    found = re.search(r"nplurals\s*=\s*(\d+)", header)
    assert found, f"{language}: no Plural-Forms header"
    return int(found.group(1))


def plural_rule(language: str) -> Callable[[int], int]:
    header = catalogue(language)[0].fields["msgstr"]
    found = re.search(r"plural\s*=\s*(.*?);?\s*$", header, re.MULTILINE)
    assert found, f"{language}: no plural expression in the header"
    return gettext.c2py(found.group(1))


def placeholders(text: str, entry: Entry) -> list[str]:
    """Name and conversion of each format directive (xgettext's flags say which syntax applies)."""
    if "python-format" in entry.flags:
        found = [f"{name}:{conversion}" for name, conversion in PYTHON_FORMAT.findall(text)]
    else:
        found = NAMED_PLACEHOLDER.findall(text)
    if "python-brace-format" in entry.flags:
        found += BRACE_PLACEHOLDER.findall(text)
    return sorted(found)


def test_it_translates_every_polish_message_in_every_plural_form() -> None:
    # given
    _, entries = catalogue("pl")
    forms_needed = nplurals("pl")

    # when
    untranslated = [e.msgid for e in entries if not e.forms or not all(e.forms)]
    short = [e.msgid for e in entries if e.plural is not None and len(e.forms) != forms_needed]

    # then
    assert entries, "the Polish catalogue is empty"
    assert untranslated == []
    assert short == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_ships_no_fuzzy_entries(language: str) -> None:
    header, entries = catalogue(language)

    fuzzy = [e.msgid for e in [header, *entries] if "fuzzy" in e.flags]

    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_ships_a_compiled_catalogue_matching_the_po(language: str) -> None:
    # given
    mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    _, entries = catalogue(language)
    rule = plural_rule(language)

    # when
    with mo_path.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)

    # then
    stale = [e.msgid for e in entries if is_translated(e) and not matches(compiled, e, rule)]
    assert stale == [], f"{language}: run compilemessages"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_passes_the_gettext_format_checks(language: str) -> None:
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"

    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr


def is_translated(entry: Entry) -> bool:
    """Whether msgfmt compiles the entry: every form filled and no fuzzy flag."""
    return bool(entry.forms) and all(entry.forms) and "fuzzy" not in entry.flags


def matches(compiled: gettext.GNUTranslations, entry: Entry, rule: Callable[[int], int]) -> bool:
    """Whether the .mo gives the .po's text for an entry; plurals are probed with whole counts."""
    context = entry.fields.get("msgctxt")
    if entry.plural is None:
        if context is None:
            return compiled.gettext(entry.msgid) == entry.forms[0]
        return compiled.pgettext(context, entry.msgid) == entry.forms[0]
    for n in range(200):
        expected = entry.forms[rule(n)]
        if context is None:
            got = compiled.ngettext(entry.msgid, entry.plural, n)
        else:
            got = compiled.npgettext(context, entry.msgid, entry.plural, n)
        if got != expected:
            return False
    return True


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_the_placeholders_of_every_message(language: str) -> None:
    # given
    _, entries = catalogue(language)

    # when
    broken = [
        (e.msgid, form)
        for e in entries
        for form in e.forms
        if form
        and placeholders(form, e) not in (placeholders(e.msgid, e), placeholders(e.plural or "", e))
    ]

    # then
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_the_html_tags_of_every_message(language: str) -> None:
    _, entries = catalogue(language)

    broken = [
        (e.msgid, form)
        for e in entries
        for form in e.forms
        if form and sorted(HTML_TAG.findall(form)) != sorted(HTML_TAG.findall(e.msgid))
    ]

    assert broken == []


@pytest.mark.parametrize(
    ("english", "polish"),
    [
        ("Directory", "Katalog"),
        ("Sign in", "Zaloguj się"),
        ("Sign out", "Wyloguj się"),
        ("Industrial symbiosis", "Symbioza przemysłowa"),
    ],
)
def test_it_shows_key_interface_strings_in_polish(english: str, polish: str) -> None:
    with translation.override("pl"):
        shown = translation.gettext(english)

    assert shown == polish


@pytest.mark.parametrize(
    ("count", "polish"),
    [
        (1, "1 organizacja"),
        (3, "3 organizacje"),
        (5, "5 organizacji"),
        (12, "12 organizacji"),
        (22, "22 organizacje"),
    ],
)
def test_it_picks_the_polish_plural_form_for_the_count(count: int, polish: str) -> None:
    with translation.override("pl"):
        shown = translation.ngettext(
            "%(counter)s organisation", "%(counter)s organisations", count
        ) % {"counter": count}

    assert shown == polish
