"""GET /events and GET /events/{id}: the events of the index through the service (fake model)."""

from __future__ import annotations

import json
import re

import httpx

from .test_service import server  # noqa: F401 - the fixture: a service on a loopback port

STATION = [
    {
        "id": "s1",
        "title": "Rockets hit the railway station in Sloviansk",
        "source": "Plain Gazette",
        "published": "2022-05-02",
        "text": "Russian forces fired two rockets at the railway station in Sloviansk on Monday.\n\n"
        "The rocket strike on the Sloviansk railway station killed at least 12 people, the mayor said.",
    },
    {
        "id": "s2",
        "title": "What the defence ministry says about Sloviansk",
        "source": "Evening Courier",
        "published": "2022-05-03",
        "text": "A Ukrainian Tochka-U struck the Sloviansk railway station, the defence ministry said.\n\n"
        "By Tuesday the strike on the Sloviansk railway station had killed 15 people, the mayor said.",
    },
]


def test_events_list_and_one_event(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=30) as http:
        assert http.get("/events").json() == []  # an empty index has no events
        assert http.post("/ingest", json=STATION).status_code == 200
        r = http.get("/events")
        assert r.status_code == 200
        listed = r.json()
        station = [e for e in listed if e["target"] == "station@Sloviansk"]
        assert len(station) == 1, listed
        e = station[0]
        assert e["id"] == "station-sloviansk-2022-05-02"
        assert e["sources"] == ["Evening Courier", "Plain Gazette"]
        assert e["attributes"]["agent"] == {"Russia": 1, "Ukraine": 1}
        assert e["n_conflicts"] >= 1 and "claims" not in e  # the list is a summary

        one = http.get(f"/events/{e['id']}")
        assert one.status_code == 200
        body = one.json()
        assert body["id"] == e["id"] and body["label"] == e["label"]
        said = {v: [w["source"] for w in who] for v, who in body["attributes"]["agent"].items()}
        assert said == {"Russia": ["Plain Gazette"], "Ukraine": ["Evening Courier"]}
        assert any(p["cue"] == "agent" for p in body["conflicts"])
        assert [r["measure"] for r in body["timeline"]] == ["killed", "killed"]
        assert all("undated" in c for c in body["claims"])  # like every output that shows a claim


def test_an_unknown_event_is_404_with_a_message(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=30) as http:
        http.post("/ingest", json=STATION)
        r = http.get("/events/no-such-event")
        assert r.status_code == 404
        assert r.json() == {"error": "no event 'no-such-event' in this index; GET /events lists them"}


def test_events_are_in_the_openapi_description(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=10) as http:
        spec = http.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/events", "/events/{event_id}"} <= set(spec["paths"])
    op = spec["paths"]["/events/{event_id}"]["get"]
    assert op["summary"] and "404" in op["responses"] and "200" in op["responses"]
    (param,) = op["parameters"]
    assert param["name"] == "event_id" and param["in"] == "path" and param["required"] is True
    # every reference in the description resolves
    text = json.dumps(spec)
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text)):
        assert ref in spec["components"]["schemas"], ref
