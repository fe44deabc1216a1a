"""What a directive unit inherits from the lines above it: a heading's force («РЕКОМЕНДОВАТЬ:») and a parent
item's addressees («3. Министерству здравоохранения:» over «3.1. пересмотреть …»)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.data.lexicon import heading_verbs, triggers
from pipeline.extract.directives import Directive, future_obligation
from pipeline.nlp.syntax import can_be_dative, feat, is_abbreviation, is_infinitive, span_text, words

HEADING = re.compile(r"^[^\n:]{0,60}?(?P<word>[А-ЯЁа-яё]+)\s*:\s*$")
MAX_HEADING_WORDS = 6


@dataclass
class Inherited:
    """The context carried down the document while its units are read."""

    modality: str | None = None  # from the last heading line
    parent_item: str | None = None
    parent_region: tuple[int, int] | None = None  # the parent item's addressees (token range)
    parent_modality: str | None = None  # «3. Рекомендовать Министерству …:» passes its force down

    def read(self, span, block) -> bool:
        """Take a non-directive line as context; True when it was a heading or a parent item."""
        toks = words(span)
        heading = _heading_modality(span_text(span), toks)
        if heading:
            self.modality = heading
            return True
        if block.kind == "item":
            body = [t for t in toks if not (t.like_num or t.text in ".)")]
            entry = triggers().get(body[0].lemma_) if body else None
            own = entry is not None and entry.kind == "addressing"
            if _is_parent(body[1:] if own else body):
                self.parent_item = block.item
                start = body[1] if own else toks[0]
                self.parent_region = (start.i, toks[-1].i)  # up to the closing colon
                self.parent_modality = entry.modality if own else None
                return True
        return False

    def directive_for(self, span, block, directive: Directive | None) -> Directive | None:
        """The unit's directive with what it inherits, or one made from the context alone."""
        under_parent = self._under_parent(block)
        if directive is None:
            if not (self.modality or under_parent) or not any(is_infinitive(t) for t in words(span)):
                return None
            future = future_obligation(span) if self.modality == "decision" else None
            directive = future or Directive(self.modality or "instruction", None, False, None)
        if under_parent and directive.region is None and directive.subject is None:
            # «3.1. обеспечить …» under «3. Министерству …:» is addressed, so no decision of the body itself
            modality = self.parent_modality or (
                "instruction" if directive.modality == "decision" else directive.modality
            )
            directive = replace(directive, region=self.parent_region, modality=modality)
        if self._overrides(directive) and not (under_parent and self.parent_modality):
            directive = replace(directive, modality=self.modality)
        return directive

    def _under_parent(self, block) -> bool:
        return bool(self.parent_item and block.item and block.item.startswith(self.parent_item + "."))

    def _overrides(self, directive: Directive) -> bool:
        """Under «РЕКОМЕНДОВАТЬ:» an item's bare infinitive or dative opening is a recommendation too."""
        addressing = self.modality not in (None, "decision")
        return (
            addressing and directive.modality in ("decision", "instruction") and not _own_trigger(directive)
        )


def _own_trigger(directive: Directive) -> bool:
    """The unit names its own force («Поручить …», «Рекомендовать …»)."""
    return directive.trigger is not None and not directive.trigger_is_action


def _heading_modality(text: str, toks: list) -> str | None:
    """«РЕКОМЕНДОВАТЬ:», «Форум РЕШИЛ:», «ПОСТАНОВЛЯЕТ:»: a short line ending in a colon after its verb; or a
    longer one ending in a finite verb and a colon («…, руководствуясь …, постановляю:», «По итогам заседания
    участники предлагают:»)."""
    verb = toks[-2] if len(toks) >= 2 and toks[-1].text == ":" else toks[-1]
    short = len(toks) <= MAX_HEADING_WORDS and HEADING.match(text.strip())
    if not short and not (toks[-1].text == ":" and feat(verb, "VerbForm") == "Fin"):
        return None
    entry = triggers().get(verb.lemma_)
    if entry and entry.kind == "addressing":
        return entry.modality
    return "decision" if verb.lemma_ in heading_verbs() else None


def _is_parent(body: list) -> bool:
    """«Министерству здравоохранения:», «РГП на ПХВ «…»:» (no item number): addressees, a colon, no verb."""
    return (
        len(body) >= 2
        and body[-1].text == ":"
        and (can_be_dative(body[0]) or is_abbreviation(body[0]))
        and not any(is_infinitive(t) for t in body)
    )
