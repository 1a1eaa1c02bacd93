"""WeasyPrint's HTML user-agent stylesheet, cut to the rules one document can use.

WeasyPrint matches every element against its whole HTML5 user-agent sheet.
Six of its rules are universal pseudo-elements (``::marker``, ``::footnote-call``,
``::note-call``…): they give every element six extra styles to compute, and a
sign-in sheet is mostly empty table cells, so half of a printable's cascade
went there. A rule that names an element, an attribute or a feature the
document does not have cannot match anything in it; ``user_agent_sheet`` drops
exactly those and keeps every other rule as WeasyPrint wrote it, so a document
looks the same (tests compare pdftotext's boxes with the full sheet's).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

import tinycss2
from cssselect2 import parser
from .libraries import quick_lookup

with quick_lookup():
    from weasyprint import CSS, HTML
    from weasyprint.html import UA, UA_COUNTER_STYLE, UA_FORM_STYLESHEET

Vocabulary = frozenset[str]
Needs = Callable[[Vocabulary], bool]

# Elements the HTML parser adds when the text leaves them out.
_IMPLIED = {"html", "head", "body"}
_IMPLIED_BY = {"table": {"tbody"}, "tr": {"tbody"}, "col": {"colgroup"}}
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)([^>]*)>")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_ATTRIBUTE = re.compile(r"[A-Za-z_:][-\w:.]*")
_CLASSES = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
# Pseudo-elements that exist only where a feature is used: list items, footnotes, notes.
_FEATURES = {"marker": "::marker", "footnote-call": "::footnote", "footnote-marker": "::footnote",
             "note-call": "::note", "note-marker": "::note", "note-callback": "::note"}
_LINKS = {"link", "visited", "any-link"}


def vocabulary(html: str, author_css: str = "") -> Vocabulary:
    """The element names (lower case), ``[attribute`` and ``.class`` names and features a document can have."""
    words = set(_IMPLIED)
    for name, rest in _TAG.findall(html):
        name = name.lower()
        words.add(name)
        words.update(_IMPLIED_BY.get(name, ()))
        words.update("[" + a.lower() for a in _ATTRIBUTE.findall(_QUOTED.sub("", rest)))
        for quoted in _CLASSES.findall(rest):
            words.update("." + c for c in "".join(quoted).split())
    if words & {"li", "summary"} or "list-item" in html or "list-item" in author_css:
        words.add("::marker")
    # a footnote is an element with float: footnote; a note one with position: note()
    if "footnote" in html or any(needs(words) for needs in _footnote_needs(author_css)):
        words.add("::footnote")
    if "note(" in html or "note(" in author_css:
        words.add("::note")
    return frozenset(words)


@lru_cache(maxsize=8)
def _footnote_needs(author_css: str) -> tuple[Needs, ...]:
    """What each selector of the author's ``float: footnote`` rules needs of a document (print.css makes
    the 版记 a footnote: only a document with a 版记 has one)."""
    found: list[Needs] = []
    for rule in tinycss2.parse_stylesheet(author_css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            if "footnote" in tinycss2.serialize([rule]):
                found.append(lambda words: True)  # inside @media or @supports: not looked into
            continue
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        if any(d.type == "declaration" and d.lower_name == "float" and "footnote" in tinycss2.serialize(d.value)
               for d in declarations):
            found += [_selector_needs(selector) for piece in _split(rule.prelude)
                      for selector in _parsed(piece)]
    return tuple(found)


def _parsed(piece: list) -> list:
    try:
        return list(parser.parse(piece))
    except parser.SelectorError:
        return [None]


def _needs(tree) -> Needs:
    """What a parsed selector needs of a document to match anything in it (unknown parts need nothing)."""
    if isinstance(tree, parser.CombinedSelector):
        left, right = _needs(tree.left), _needs(tree.right)
        return lambda words: left(words) and right(words)
    if isinstance(tree, parser.CompoundSelector):
        parts = [_needs(simple) for simple in tree.simple_selectors]
        return lambda words: all(part(words) for part in parts)
    if isinstance(tree, parser.LocalNameSelector):
        return lambda words, name=tree.lower_local_name: name in words
    if isinstance(tree, parser.AttributeSelector):
        return lambda words, name="[" + tree.lower_name: name in words
    if isinstance(tree, parser.ClassSelector):
        return lambda words, name="." + tree.class_name: name in words
    if isinstance(tree, parser.PseudoClassSelector) and tree.name in _LINKS:
        return lambda words: "a" in words or "area" in words
    if isinstance(tree, (parser.MatchesAnySelector, parser.SpecificityAdjustmentSelector)):
        options = [_needs(selector.parsed_tree) for selector in tree.selector_list]
        return lambda words: any(option(words) for option in options)
    return lambda words: True  # :not(), :has(), :nth-child(), ids, classes: kept


def _selector_needs(selector) -> Needs:
    if selector is None:  # a selector cssselect2 cannot read: assume it matches
        return lambda words: True
    tree = _needs(selector.parsed_tree)
    feature = _FEATURES.get(selector.pseudo_element or "")
    if feature is None:
        return tree
    return lambda words: feature in words and tree(words)


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, list[tuple[str, Needs]] | None]]:
    """The full sheet's rules in order: (text, None) for an at-rule kept as it is, else the block's text
    and each selector of its list with what it needs."""
    rules = []
    for rule in tinycss2.parse_stylesheet(UA, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "counter-style":
            continue  # in UA_COUNTER_STYLE already (WeasyPrint's own parse put them there), which every document copies
        if rule.type == "at-rule":
            rules.append((tinycss2.serialize([rule]), None))
        elif rule.type == "qualified-rule":
            block = "{" + tinycss2.serialize(rule.content) + "}"
            selectors = []
            for piece in _split(rule.prelude):
                parsed = _parsed(piece)
                needs = _selector_needs(parsed[0]) if len(parsed) == 1 else (lambda words: True)
                selectors.append((tinycss2.serialize(piece).strip(), needs))
            rules.append((block, selectors))
    return rules


def _split(prelude: list) -> list[list]:
    """A selector list's tokens, one list per selector (commas inside :is() stay: they are in a block)."""
    pieces: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [piece for piece in pieces if any(t.type not in ("whitespace", "comment") for t in piece)]


def user_agent_sheet(words: Vocabulary) -> CSS:
    return _sheet(user_agent_text(words))


def user_agent_text(words: Vocabulary) -> str:
    """The user-agent stylesheet with only the selectors that can match in a document of ``words``."""
    kept = []
    for text, selectors in _rules():
        if selectors is None:
            kept.append(text)
        elif chosen := [selector for selector, needs in selectors if needs(words)]:
            kept.append(", ".join(chosen) + " " + text)
    return "\n".join(kept)


@lru_cache(maxsize=32)
def _sheet(text: str) -> CSS:
    return CSS(string=text, counter_style=UA_COUNTER_STYLE)


class PrintHTML(HTML):
    """WeasyPrint's HTML document, matched against the user-agent rules its elements can use."""

    def __init__(self, *, string: str, author_css: str = "", **kwargs):
        super().__init__(string=string, **kwargs)
        self.user_agent = user_agent_sheet(vocabulary(string, author_css))

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [self.user_agent, UA_FORM_STYLESHEET] if forms else [self.user_agent]
