"""Every threshold and confidence base of the judgement, in one place, each with why it is what it is.

The judgement (:mod:`xcheck.pairing.relate`) reads :data:`POLICY`; nothing there is a bare number.
Changing a value here changes a verdict: bump ``relate.JUDGE_VERSION`` so stored pairs are judged again,
and measure on the real-news dev set (eval/realnews.jsonl) before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["POLICY", "Policy"]


@dataclass(frozen=True)
class Policy:
    # -- similarity ---------------------------------------------------------------------------------
    # Two claims with nothing to tell them apart are duplicates only when nearly identical in meaning.
    duplicate_similarity: float = 0.95
    # A rewording with no figure to compare is taken as consistent from here up (same day only).
    paraphrase_similarity: float = 0.8
    # Below this, a negation or a date difference alone is not trusted to be about the same statement.
    text_cue_similarity: float = 0.75
    # One-voice denials need the two sentences to share this much of their content words.
    denial_overlap: float = 0.6
    # Parties that contradict each other share few words; this much is the least.
    opposed_overlap: float = 0.1
    # Below this similarity one party's denial and another's statement are not about the same thing
    # ("Biden denied Zelensky's claim about the missile" vs "Zelensky appealed to Biden").
    opposed_denial_similarity: float = 0.65
    # A plain "not" (no "deny", "fake", …) between parties only for near-identical statements.
    opposed_plain_not_similarity: float = 0.8
    # One event dated twice: the sentences must be at least this close.
    event_date_similarity: float = 0.4
    # "The same statement with other numbers": the words (figures aside) must overlap this much.
    restated_overlap: float = 0.8
    # Below this, no text cue (negation, dates, restated numbers) is looked at at all.
    text_cue_floor: float = 0.6
    # The same wording about other dates: the words (figures aside) overlap this much.
    same_wording_overlap: float = 0.6
    # Two amounts of money in sentences sharing less than this are taken to be for different purposes.
    money_purpose_overlap: float = 0.5
    # One event dated twice: this share of the smaller side's subject words is shared.
    event_subject_overlap: float = 0.5

    # -- time ---------------------------------------------------------------------------------------
    # An incident in a city compared only within the same day: a city shelled daily has a new
    # incident every day (Zaporizhzhia: 17 dead in the October 6 attack, 13 in the October 9 one).
    event_window_days: int = 0
    # At a named facility or target (a station, a mall; an earthquake) one strike's toll is reported
    # for days: 39 on April 8, 57 on April 10.
    facility_window_days: int = 14
    # A named facility hit again and again (the Zaporizhzhia nuclear plant): who shelled it, as told
    # the day after by the other side ("Moscow accused Kiev of shelling the plant" on August 6, the
    # day after Energoatom's "Russian forces shelled the plant"), answers the same incident. Events are
    # still grouped one a day; only the judgement of two reports looks one day across.
    repeated_facility_window_days: int = 1
    # Agreement without an established fact (no place or period to tie the claims) only within a day:
    # the same daily count a month apart is another day's count.
    agreement_window_days: int = 1
    # A statement and its negation (one voice, or a plain "not" between parties) only about one time.
    denial_window_days: int = 1
    # An explicit denial ("Russia denies …") answers an accusation made up to this many days before.
    reply_window_days: int = 14
    # A side's denial of its part in a facility hit again and again (the plant), with no day of its own
    # ("attempts to blame Moscow for the incident at the plant are propaganda", two days after the
    # shelling), answers the accusations of the days just before; not two weeks: by then the plant has
    # been hit again and accused again.
    repeated_facility_reply_days: int = 3
    # "The images from Bucha are staged", "the strike is a fake": the kinds of incident whose report
    # such a denial contradicts. Not a capture, an evacuation or a fire: "used it for fakes" near an
    # evacuation from the steel plant says nothing about whether the evacuation happened.
    incident_kinds: tuple[str, ...] = ("massacre", "strike", "shelling", "explosion", "sinking")
    # A running total that grows by more than stale_ratio within stale_days, from at least stale_min,
    # did not grow: one side repeats an old figure ("about three million refugees" on June 12, "more
    # than six million" on June 13). Early tolls after one strike (11 -> 18 -> 21) stay below stale_min.
    stale_days: int = 3
    stale_ratio: float = 1.5
    stale_min: float = 1000
    # A later running total (since a date) more than this share below an earlier one is taken to count
    # something else, not to contradict it: on RUWA, Censor.NET's "more than 1,110 children injured" is
    # killed plus injured against other outlets' 750-825 injured. Small drops (1,222 -> 1,202 killed in
    # the Kyiv region) stay conflicts. Incident tolls revised down stay conflicts whatever the drop.
    max_running_drop: float = 0.2

    # -- confidence bases (the similarity and what is known add to them, see relate._confidence) ----
    # Figures that agree, or a running total that grew.
    agreement: float = 0.5
    update: float = 0.5
    # A non-cumulative figure that changed between two dates: likely news, not a contradiction.
    change: float = 0.4
    # Two counts of one moment that disagree; a later running total that gives less.
    same_moment: float = 0.45
    later_less: float = 0.45
    # Two floors stated "as of" the same moment.
    floors_of_one_moment: float = 0.4
    # A running total rising too fast: a stale figure. Weak: one side may simply be late.
    stale: float = 0.3
    # Two same-day counts of a toll that rises within the day: order unknown.
    same_day_rise: float = 0.2
    # Membership: opposite polarity for one country and one treaty; or the same stance.
    membership_conflict: float = 0.55
    membership_agreement: float = 0.5
    # One event given two dates.
    event_date: float = 0.5
    # One event (same target, same incident) told with another agent, weapon, state, or denied by the
    # side the other report names: the account itself is disputed. Agreement on such an attribute.
    event_attribute_conflict: float = 0.55
    event_attribute_agreement: float = 0.5
    # A denial of what the other side states; the same statement with other numbers.
    negation: float = 0.4
    restated: float = 0.4
    # A pair whose fact is not established: related, at this confidence.
    unestablished: float = 0.5
    # Related pairs from wording alone: similarity times this.
    related_factor: float = 0.6
    # How similarity and what is known raise a base (relate._confidence): similarity counts from
    # sim_low (nothing) to sim_low + sim_span (all of sim_weight); each of place, date and period known
    # on both sides adds known_weight; never more than cap.
    sim_low: float = 0.5
    sim_span: float = 0.4
    sim_weight: float = 0.25
    known_weight: float = 0.05
    cap: float = 0.99


POLICY = Policy()
