"""Many terms searched in one pass of an Aho-Corasick automaton (ahocorasick_rs).

A rule set's expressions name a few hundred exact terms. Searching each with str.find
in each paragraph costs a Python call per term per paragraph; one automaton pass over a
text finds every occurrence of every term, and each matcher then looks its terms up
(compliance.match.matchers.Literal, and Regex for its prefilter).

"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ahocorasick_rs import AhoCorasick

from compliance.match.automata import WHOLE_AFTER, automaton_for_one_text, find_all, held_by
from compliance.match.matchers import Hits, Matcher


def literals_of(matchers: Iterable[Matcher | None]) -> Iterator[str]:
    for matcher in matchers:
        if matcher is not None:
            yield from matcher.literals()


class TermIndex:
    """Every exact term of a rule set, in one automaton built on first use."""

    def __init__(self, terms: Iterable[str], *, distinct: bool = False) -> None:
        # `distinct`: the terms are non-empty and each given once (a rule set's, in its
        # rules' order: RuleSet.terms), and kept in that order; else sorted. Which terms a
        # text holds does not depend on the order (every match, overlapping ones included).
        self.terms = tuple(terms) if distinct else tuple(sorted({t for t in terms if t}))
        self.indexed = frozenset(self.terms)
        # What a paragraph's own hits can vouch for (see split): not a term that spans a
        # line break, which the joined text has between paragraphs. Most rule sets have
        # none: one pass over the terms joined says so.
        self.inline = self.indexed
        self.multiline: tuple[str, ...] = ()
        if "\n" in "".join(self.terms):
            self.inline = frozenset(t for t in self.terms if "\n" not in t)
            self.multiline = tuple(t for t in self.terms if "\n" in t)
        # The automaton of all terms (3,267 of the default rules: 39 million instructions,
        # a fifth of a one-file lint's rules) is built once WHOLE_AFTER characters have
        # been searched; before, one of only the terms the texts' characters can make
        # (held_by), which finds the same terms there. Ours: (characters, automaton, terms).
        self._whole: tuple[AhoCorasick, tuple[str, ...]] | None = None
        self._part: tuple[frozenset[str], AhoCorasick | None, tuple[str, ...]] | None = None
        self._searched = 0

    # The automaton is not picklable; workers and the pack cache rebuild it on first use.
    def __getstate__(self) -> tuple[str, ...]:
        return self.terms

    def __setstate__(self, terms: tuple[str, ...]) -> None:
        self.__init__(terms, distinct=True)  # type: ignore[misc]

    def _automaton(self, text: str) -> tuple[AhoCorasick | None, tuple[str, ...]]:
        """An automaton that finds in `text` (and its parts) the terms all of them find,
        and its terms by pattern number."""
        if self._whole is not None:
            return self._whole
        self._searched += len(text)
        if self._searched > WHOLE_AFTER:
            self._whole = (AhoCorasick(self.terms), self.terms)
            return self._whole
        characters = set(text)
        if self._part is not None and characters <= self._part[0]:
            return self._part[1:]
        if self._part is not None:
            characters |= self._part[0]
        terms = tuple(held_by(self.terms, characters))
        automaton = automaton_for_one_text(terms) if terms else None
        self._part = (frozenset(characters), automaton, terms)
        return self._part[1:]

    @staticmethod
    def _found(automaton: AhoCorasick | None, terms: tuple[str, ...], text: str) -> set[str]:
        if automaton is None or not text:
            return set()
        return {terms[number] for number, _, _ in find_all(automaton, text)}

    def scan(self, text: str) -> Hits:
        """Which terms occur in `text`; each one's occurrences are what
        matchers.occurrences gives for it alone (Hits.spans)."""
        if not self.terms:
            return Hits(set(), self.indexed, text)
        return Hits(self._found(*self._automaton(text), text), self.indexed, text)

    def scan_parts(self, text: str, parts: Sequence[str]) -> tuple[Hits, list[Hits]]:
        """scan(text) and scan(part) of each part, for a text that is the parts joined
        by line breaks, in one automaton pass per part.

        A part's hits vouch only for the terms without a line break (`inline`): the
        others are the joined text's, which holds them only across parts. The joined
        text's terms are the parts' together and those of the others it holds; where
        they are is found in the joined text itself, when asked (Hits.spans). No Python
        step runs per occurrence: a report has about 1,650 of them, and cutting them
        into per-part tables took more time than all the automaton passes.
        """
        if not self.terms:
            return Hits(set(), self.indexed, text), [Hits(set(), self.inline, p) for p in parts]
        inline = self.inline
        automaton, terms = self._automaton(text)
        cut = [self._found(automaton, terms, part) for part in parts]
        present: set[str] = set().union(*cut)
        # Only a term with a line break can occur in the joined text outside every part.
        present.update(t for t in self.multiline if t in text)
        return Hits(present, self.indexed, text), [
            Hits(found, inline, part) for found, part in zip(cut, parts, strict=True)
        ]

    def split(self, hits: Hits, parts: Sequence[tuple[int, int]]) -> list[Hits]:
        """The hits of a joined text, cut into the hits of its parts.

        `parts` are (offset, length) of each part in the joined text, in order; a term
        without a line break never runs from one part into the next.
        """
        text, inline = hits.text, self.inline
        cut = []
        for offset, length in parts:
            part = text[offset : offset + length]
            cut.append(Hits({t for t in hits.present if t in inline and t in part}, inline, part))
        return cut

    def __repr__(self) -> str:
        return f"TermIndex({len(self.terms)} terms)"
