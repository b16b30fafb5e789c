"""Full-text search over passages: SQLite FTS5 on the embedded default, PostgreSQL full-text
search on PostgreSQL. Nothing outside this module knows which one runs.

Both index the same accent-free, lower-cased text (`normalise_for_search`), so "Kraków",
"krakow" and "KRAKÓW" meet. Stemming across five languages is approximated by prefix
matching on a shortened term ("recyklingu" → "recyklin*", "energii" → "energ*"): cheap,
language-neutral and supported by both engines. Highlights are computed here, in Python, on
the original text, so they are identical on both back ends and everything but the <mark>
tags we insert is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from obieg.core.search_text import normalise_for_search

FTS_TABLE = "strategies_passage_fts"
MAX_TERMS = 8
WORD = re.compile(r"\w+", re.UNICODE)
PHRASE = re.compile(r'"([^"]+)"')


@dataclass(frozen=True)
class ParsedQuery:
    """A user query as groups of prefixes: each group is one word or a quoted phrase."""

    groups: list[list[str]] = field(default_factory=list)

    @property
    def prefixes(self) -> list[str]:
        return [prefix for group in self.groups for prefix in group]

    def __bool__(self) -> bool:
        return bool(self.groups)


def stem_prefix(term: str) -> str:
    """Shorten a normalised word to a prefix that catches its inflected forms."""
    if len(term) >= 7:
        return term[:-2]
    if len(term) >= 5:
        return term[:-1]
    return term


def parse_query(query: str) -> ParsedQuery:
    """Split a query into words and "quoted phrases", normalised and prefix-stemmed."""
    groups: list[list[str]] = []
    for phrase in PHRASE.findall(query):
        words = WORD.findall(normalise_for_search(phrase))
        if words:
            groups.append([*words[:-1], stem_prefix(words[-1])])
    for word in WORD.findall(normalise_for_search(PHRASE.sub(" ", query))):
        groups.append([stem_prefix(word)])
    return ParsedQuery(groups[:MAX_TERMS])


def _fts5_expression(parsed: ParsedQuery) -> str:
    # A phrase is "a" + "b"* in FTS5: adjacent tokens, the last one a prefix.
    parts = []
    for group in parsed.groups:
        *words, last = group
        parts.append(" + ".join([*(f'"{w}"' for w in words), f'"{last}"*']))
    return " AND ".join(parts)


def _tsquery(parsed: ParsedQuery) -> str:
    parts = []
    for group in parsed.groups:
        *words, last = group
        parts.append(" <-> ".join([*(f"'{w}'" for w in words), f"'{last}':*"]))
    return " & ".join(f"({part})" for part in parts)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def index_passages(rows: Iterable[tuple[int, str]]) -> None:
    """Add or replace passages (id, text) in the index."""
    rows = [(pk, normalise_for_search(text)) for pk, text in rows]
    if not rows:
        return
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.executemany(
                "UPDATE strategies_passage SET search_vector = to_tsvector('simple', %s) "
                "WHERE id = %s",
                [(text, pk) for pk, text in rows],
            )
        else:
            cursor.executemany(
                f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows]
            )
            cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, text) VALUES (%s, %s)", rows)


def unindex_strategy(strategy_id: int) -> None:
    """Drop a strategy's passages from the index (PostgreSQL drops them with the rows)."""
    if is_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN "
            "(SELECT id FROM strategies_passage WHERE strategy_id = %s)",
            [strategy_id],
        )


@dataclass(frozen=True)
class PassageConditions:
    """Filters on passage columns; `strategies` is an SQL subquery of visible strategy ids."""

    strategies_sql: str
    strategies_params: Sequence[Any]
    goal: int | None = None
    target: str = ""
    green_deal: str = ""
    language: str = ""


def _where(conditions: PassageConditions) -> tuple[list[str], list[Any]]:
    clauses = [f"p.strategy_id IN ({conditions.strategies_sql})"]
    params: list[Any] = list(conditions.strategies_params)
    for column, value in (
        ("goal_codes", str(conditions.goal) if conditions.goal else ""),
        ("target_codes", conditions.target),
        ("green_deal_codes", conditions.green_deal),
    ):
        if value:
            clauses.append(f"p.{column} LIKE %s")
            params.append(f"% {value} %")
    if conditions.language:
        clauses.append("p.language = %s")
        params.append(conditions.language)
    return clauses, params


def search_passages(
    parsed: ParsedQuery, conditions: PassageConditions, *, limit: int, offset: int = 0
) -> tuple[list[int], int]:
    """Return the ids of the best-matching passages (best first) and the number of matches."""
    if not parsed:
        return [], 0
    clauses, params = _where(conditions)
    if is_postgresql():
        match = "p.search_vector @@ to_tsquery('simple', %s)"
        source = "strategies_passage p"
        order = "ts_rank(p.search_vector, to_tsquery('simple', %s)) DESC, p.id"
        expression = _tsquery(parsed)
        order_params = [expression]
    else:
        match = f"{FTS_TABLE} MATCH %s"
        source = f"{FTS_TABLE} JOIN strategies_passage p ON p.id = {FTS_TABLE}.rowid"
        order = f"{FTS_TABLE}.rank, p.id"
        expression = _fts5_expression(parsed)
        order_params = []
    where = " AND ".join([match, *clauses])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {source} WHERE {where}", [expression, *params])
        total = int(cursor.fetchone()[0])
        if total == 0:
            return [], 0
        cursor.execute(
            f"SELECT p.id FROM {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
            [expression, *params, *order_params, limit, offset],
        )
        return [int(row[0]) for row in cursor.fetchall()], total


def highlight(text: str, prefixes: Sequence[str]) -> SafeString:
    """Escape `text` and wrap the words that match a query prefix in <mark>."""
    if not prefixes:
        return mark_safe(escape(text))  # escaped just above
    out: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        out.append(escape(text[position : match.start()]))
        word = match.group(0)
        if normalise_for_search(word).startswith(tuple(prefixes)):
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(escape(word))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece is escaped
