"""Our own dev sets (devsets/): held-out URLs never used, codings well-formed, no texts tracked."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SUBS = {"Government regains territory", "Non-state actor overtakes territory", "Armed clash",
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
        "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
        "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
        "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other"}
TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments"}


def _urls() -> list[str]:
    urls = []
    for path in sorted((ROOT / "devsets" / "real").glob("*.json")):
        urls += [c["url"] for c in json.loads(path.read_text())["cases"].values()]
    labels = ROOT / "devsets" / "comments" / "labels.json"
    if labels.exists():
        urls += [t["url"] for t in json.loads(labels.read_text())["threads"].values()]
    return urls


def test_no_held_out_url_is_used():
    urls = _urls()
    assert len(urls) >= 90
    held = [u for u in urls if hashlib.sha1(u.encode()).hexdigest()[0] in "89abcdef"]
    assert held == []


@pytest.mark.parametrize("path", sorted((ROOT / "devsets" / "real").glob("*.json")), ids=lambda p: p.name)
def test_real_report_codings_are_well_formed(path):
    cases = json.loads(path.read_text())["cases"]
    for cid, case in cases.items():
        assert case["url"].startswith("http") and case["published"][:2] in ("19", "20"), cid
        for e in case["expect"] + case.get("optional", []):
            subs = [e["sub_event_type"]] if "sub_event_type" in e else e.get("sub_any", [])
            assert set(subs) <= SUBS and (subs or e.get("event_type") in TYPES), cid
            assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180 and e["km"] > 0, cid
            assert e["from"] <= e["to"], cid
            for key in ("actor1_any", "other_any"):
                assert all(k == k.lower() for k in e.get(key, [])), cid
        assert not set(case.get("forbid_subs", [])) & {
            e.get("sub_event_type") for e in case["expect"]}, cid


def test_no_text_of_a_dev_set_is_tracked():
    tracked = subprocess.run(["git", "ls-files", "devsets"], cwd=ROOT, capture_output=True,
                             text=True, check=False).stdout.split()
    assert not [t for t in tracked if t.endswith(".txt")]
