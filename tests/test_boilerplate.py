"""Page furniture is not a claim; real claims that mention social media, photos or following are."""

from __future__ import annotations

import pytest

from xcheck.claims.boilerplate import is_boilerplate

BOILERPLATE = [
    "top of page",
    "bottom of page",
    "Back to top",
    "Grey Twitter Icon",
    "Grey Facebook Icon",
    "White YouTube Icon",
    "© 2022 Al Jazeera Media Network",
    "Copyright 2023 Example Media Group. All rights reserved.",
    "All rights reserved.",
    "Follow us on Twitter",
    "Follow Genocide Watch for more updates:",
    "Follow Example News on Instagram",
    "Subscribe to our newsletter",
    "Sign up for our morning briefing and get the news first.",
    "Share this article",
    "Share on Facebook",
    "Read more: Ceasefire talks stall again",
    "Advertisement",
    "Story continues below advertisement",
    "Skip to content",
    "Click here to download the full report.",
    "(Photo: Bellingcat/Twitter)",
    "[File: Ricardo Moraes/Reuters]",
    "Photo: Jane Roe / AFP",
    "Image caption Firefighters work through the night",
    "Getty Images",
    "Smoke rises above the port, Jane Roe/Getty Images",
    "Rescuers search the rubble of a school in Izium [File: John Doe/Reuters]",
    "Soldiers walk past a burned tank. (Photo: Jane Roe/AP)",
    "Our work is licensed under Creative Commons (CC BY-NC-ND 3.0).",
    "Feel free to republish and share widely.",
    "We use cookies to give you the best experience on our website.",
    "By continuing to use this site you agree to our cookie policy.",
    "Listen to this article",
    "Reporting by Jane Roe; Editing by John Doe",
    "Editing by John Doe",
    "Photo by Jane Roe",
    "Reporting by Jane Roe in Kyiv and John Doe in Moscow",
    "Updated 13 June 2022",
    "This article was originally published by Example Post.",
    "Related Articles",
    "Continue reading the main story",
]

CLAIMS = [
    "Amnesty said 606 civilians were killed.",
    "The UN refugee agency said more than six million people had fled.",
    "Twitter users shared photos of the strike.",
    "He followed the convoy to Kharkiv.",
    "Facebook said it removed 40 accounts linked to the campaign.",
    "The photo, taken by an AFP photographer, showed a destroyed school.",
    "Subscribers to the service rose by 5% last year.",
    "Reporting by the local newspaper showed the death toll had risen to 40.",
    "Updated figures show 2023 was the deadliest year for aid workers.",
    "Inspectors found 9N210/9N235 submunitions near the school.",
    "The ministry said all rights groups were barred from the area.",
    "Reuters reported that the convoy had stopped near the border.",
    "Advertisers pulled out of the platform after the ban.",
    "Copies of the report were shared with journalists on Monday.",
    "The agency published its report on Monday.",
    "Russia has shared no evidence for the claim.",
    "Following the attack, 12 schools closed in the region.",
    "Getty Images photographers documented the damage in Bucha.",
    "Officials urged residents to sign the petition.",
    "The more than 300 displaced families were moved to Lviv.",
    "Click-through rates fell by 3% after the change.",
    "The cookie factory in Kharkiv was hit by two missiles.",
    "Neither Ukraine, Russia, nor the United States are signatories to the treaty.",
    "Images shared online showed at least three craters near the hospital.",
    "The report cited a tweet by a Human Rights Watch researcher.",
    "Images by satellite firm Maxar showed 40 tanks near the border.",
    "Produced by a state-owned plant, the rockets carry cluster warheads.",
    "Millions subscribe to the channel run by the ministry.",
    "Residents queued for water in the city centre (Photo: Jane Roe/AFP) before the strike resumed.",
]


@pytest.mark.parametrize("sentence", BOILERPLATE)
def test_boilerplate_is_flagged(sentence: str) -> None:
    assert is_boilerplate(sentence)


@pytest.mark.parametrize("sentence", CLAIMS)
def test_claims_are_kept(sentence: str) -> None:
    assert not is_boilerplate(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["", "   ", "\n\t", "  top of   page  ", "TOP OF PAGE", "Grey  Twitter\nIcon"],
)
def test_whitespace_and_case_insensitive(sentence: str) -> None:
    assert is_boilerplate(sentence)
