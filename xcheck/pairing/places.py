"""Where and when a claim is: its places (city, region, country, landmark) and its period or event,
and whether two claims can be about the same ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..claims import frames as _frames
from ..claims.frames import Frame
from .text import STOP, WORD, jaccard


@dataclass(frozen=True)
class Place:
    name: str  # lower case
    label: str  # for reasons: "Kharkiv region", "Kharkiv city", "Kramatorsk railway station"
    type: str  # city | region | country | other
    explicit: bool  # "the city of Kharkiv", "the Kharkiv region"; a bare "Kharkiv" is not


_RANK = {"city": 0, "other": 0, "region": 1, "country": 2}


_CAPITALS = {
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "moscow": "Russia",
    "kremlin": "Russia",
    "washington": "United States",
    "beijing": "China",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "minsk": "Belarus",
}


def speaker_base(frame: Frame) -> str | None:
    """ "Russia (defence ministry)" -> "Russia"."""
    speaker = frame.attribution
    return str(speaker).split(" (")[0] if speaker else None


def claim_places(frame: Frame) -> list[Place]:
    """The places a claim is about, most specific first.

    A bare "Kharkiv" (as in "the Kharkiv Regional Military Administration") gives way to "the Kharkiv
    region" or "the city of Kharkiv" in the same sentence, and countries give way to anything inside them.
    """
    return _places(frame.places, frame)


def _places(places: Sequence[_frames.Place], frame: Frame) -> list[Place]:
    out = []
    for p in places:
        if not p.name:
            continue
        kind = str(p.type or "other")
        name = str(p.name)
        explicit = kind != "city" or "city" in str(p.text or "").lower()
        label = {"city": f"{name} city", "region": f"{name} region"}.get(kind, name) if explicit else name
        out.append(Place(name.lower(), label, kind, explicit))
    speaker = speaker_base(frame)
    if speaker:  # "Kyiv says ...", "Russia's defence ministry says ...": the speaker, not the place
        out = [p for p in out if p.name != speaker.lower() and _CAPITALS.get(p.name) != speaker]
    named = {p.name for p in out if p.type in ("city", "region") and p.explicit}
    out = [p for p in out if p.explicit or p.name not in named]
    if any(p.type != "country" for p in out):
        out = [p for p in out if p.type != "country"]
    return sorted(out, key=lambda p: _RANK.get(p.type, 0))


def fact_places(frame: Frame) -> list[Place]:
    """The places a claim's fact is at: its own (see :func:`claim_places`), else its article's headline or
    lede places (``context_places``)."""
    return claim_places(frame) or _places(frame.context_places, frame)


def _inside(small: str, big: str) -> bool:
    """ "kramatorsk railway station" lies in "kramatorsk"."""
    return small.startswith(big + " ")


def places_fit(a: Place, b: Place) -> bool:
    if a.name == b.name:
        if a.type == b.type:
            return True
        if {a.type, b.type} == {"city", "region"}:
            return not (a.explicit and b.explicit)  # a bare "Kharkiv" may mean either
        return True
    return _inside(a.name, b.name) or _inside(b.name, a.name)


def place_label(frame: Frame) -> str | None:
    places = claim_places(frame)
    return places[0].label if places else None


def _scope_words(scope: str) -> set[str]:
    return {w for w in WORD.findall(scope.lower()) if w not in STOP}


def scopes_fit(sa: str, sb: str) -> bool:
    """Periods and events agree when their words do.

    "the strike on the Kremenchuk shopping centre" and "the strike on a shopping centre in Kremenchuk" are
    one event; "since 2022-02-24" and "over the past day" are not one period.
    """
    wa, wb = _scope_words(sa), _scope_words(sb)
    if not wa or not wb:
        return True
    return wa <= wb or wb <= wa or jaccard(wa, wb) >= 0.5


def scope_clash(fa: Frame, fb: Frame) -> str | None:
    """Why the two claims are not about the same place, period, event or treaty; None when they may be."""
    pa, pb = claim_places(fa), claim_places(fb)
    if pa and pb and not any(places_fit(x, y) for x in pa for y in pb):
        return f"different places: {pa[0].label} vs {pb[0].label}"
    sa, sb = fa.scope, fb.scope
    if sa and sb and not scopes_fit(sa, sb):
        return f"different periods or events: {sa} vs {sb}"
    ta = {e.name for e in fa.entities if e.type == "treaty"}
    tb = {e.name for e in fb.entities if e.type == "treaty"}
    if ta and tb and not ta & tb:
        return f"different treaties: {', '.join(sorted(ta))} vs {', '.join(sorted(tb))}"
    return None
