"""The reports as data: what an audience may see, as typed records.

Three kinds share this model: the development plan at the start (``plan``), the
mid-point progress report (``progress``) and the closure report (``closure``).
Every field here comes from an allow-list (see :mod:`coachkit.report.build`);
templates render these records and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coachkit.engagement.model import ActionItem
from coachkit.errors import CoachkitError
from coachkit.vocabulary import GOAL_STATUS_LABELS

AUDIENCES = ("client", "sponsor")
KINDS = ("plan", "progress", "closure")
DEFAULT_KIND = "closure"
# How each kind names itself in titles, file names and commit messages.
KIND_TITLES = {
    "plan": "Development plan",
    "progress": "Progress report",
    "closure": "Coaching report",
}
KIND_NAMES = {"plan": "plan", "progress": "progress report", "closure": "closure report"}
# The rounds the plan's assessment summary shows (the start of the engagement).
ASSESSMENT_KINDS = ("baseline", "360", "interview")
# engagement.md sections whose public text the plan shows as the sharing terms.
SHARING_SECTIONS = ("who sees what", "confidentiality", "what is shared with the sponsor")
FORMATS = ("md", "html", "pdf")
DEFAULT_SHAREABLE = ("reflection",)
PARTY_KEYS = ("client", "role", "organization", "sponsor", "hr", "coach")
DATE_KEYS = ("start", "end")
GOAL_KEYS = ("id", "title", "status", "measure", "baseline", "target", "target_date", "outcome")
SUSTAINMENT_SECTION = "sustainment plan"
NEVER_DISCLOSED = (
    "never disclosed: private sections and <!-- private --> spans (in every text shown), "
    "rater codes, "
    "goal and feedback file bodies, session front matter other than number, date and duration, "
    "action item titles"
)


def check_audience(audience: str) -> str:
    """``audience`` if known; else a one-line error."""
    if audience not in AUDIENCES:
        raise CoachkitError(f"unknown audience {audience!r}: use --for client or --for sponsor")
    return audience


def check_kind(kind: str) -> str:
    """``kind`` if known; else a one-line error."""
    if kind not in KINDS:
        raise CoachkitError(f"unknown kind {kind!r}: use --kind plan, progress or closure")
    return kind


def check_format(fmt: str) -> str:
    """``fmt`` if known; else a one-line error."""
    if fmt not in FORMATS:
        raise CoachkitError(f"unknown format {fmt!r}: use --format md, html or pdf")
    return fmt


def text_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return text or None


def format_number(value: float, signed: bool = False) -> str:
    text = f"{value:+.1f}" if signed else f"{value:.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def format_percent(share: float) -> str:
    return f"{round(share * 100)}%"


@dataclass(frozen=True)
class GroupRating:
    """An anonymous group's mean rating in one round."""

    group: str
    mean: float
    raters: int
    mean_text: str


@dataclass(frozen=True)
class RoundRating:
    """How stakeholders rated one goal in one round.

    ``mean``, ``raters`` and ``improved_share`` count stakeholders only.
    ``self_rating`` is the client's own rating, shown beside the mean (never in
    it) when this audience may see it, else None.

    ``position`` is the mean's place on the scale from 0 (lowest) to 1 (highest)
    and ``zero`` is where the bars start: the scale's 0 on a change scale such as
    -3..+3, else its lowest value. Templates draw charts from the two.
    """

    kind: str
    date: dt.date
    low: float
    high: float
    mean: float
    raters: int
    improved_share: float | None
    groups: list[GroupRating]
    comments: list[str]
    path: Path
    self_rating: float | None = None
    # Its place in the goal's trend of rounds: Baseline, Interim or Final (see mark_places).
    place: str = ""
    # On a change scale, the share of stakeholders who saw a decline (-1 or less).
    declined_share: float | None = None

    @property
    def declined_text(self) -> str | None:
        return None if self.declined_share is None else format_percent(self.declined_share)

    @property
    def reaches_plus_one(self) -> bool | None:
        """On a change scale, whether the mean (net) score is +1 or more (docs/report.md)."""
        return self.mean >= 1 if self.measures_change else None

    @property
    def gap(self) -> float | None:
        """The self-rating minus the stakeholders' mean, where the self-rating is shown."""
        return None if self.self_rating is None else self.self_rating - self.mean

    @property
    def gap_text(self) -> str | None:
        return None if self.gap is None else format_number(self.gap, signed=True)

    @property
    def measures_change(self) -> bool:
        return self.low < 0 < self.high

    @property
    def scale_text(self) -> str:
        if self.measures_change:
            return f"{self.low:+g} to {self.high:+g}"
        return f"{self.low:g} to {self.high:g}"

    @property
    def mean_text(self) -> str:
        return format_number(self.mean, self.measures_change)

    @property
    def self_text(self) -> str | None:
        """The client's self-rating as the mean is written, or None when not shown."""
        if self.self_rating is None:
            return None
        return format_number(self.self_rating, self.measures_change)

    @property
    def improved_text(self) -> str | None:
        return None if self.improved_share is None else format_percent(self.improved_share)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.date.isoformat()}"

    @property
    def position(self) -> float:
        return (self.mean - self.low) / (self.high - self.low)

    @property
    def self_position(self) -> float | None:
        """The self-rating's place on the scale, like ``position``; None when not shown."""
        if self.self_rating is None:
            return None
        return (self.self_rating - self.low) / (self.high - self.low)

    @property
    def zero(self) -> float:
        return (0 - self.low) / (self.high - self.low) if self.measures_change else 0.0

    @property
    def bar(self) -> str:
        """The mean as a 10-cell text bar; a change scale fills out from its middle."""
        if not self.measures_change:
            filled = round(self.position * 10)
            return "█" * filled + "░" * (10 - filled)
        half = round(abs(self.mean) / max(abs(self.low), abs(self.high)) * 5)
        left = "░" * (5 - half) + "█" * half if self.mean < 0 else "░" * 5
        right = "█" * half + "░" * (5 - half) if self.mean > 0 else "░" * 5
        return f"{left}│{right}"


@dataclass
class ActionCount:
    """Action items agreed, and what became of them."""

    agreed: int = 0
    done: int = 0
    dropped: int = 0
    open: int = 0

    @property
    def done_share(self) -> float | None:
        return self.done / self.agreed if self.agreed else None

    @property
    def done_text(self) -> str:
        return "-" if self.done_share is None else format_percent(self.done_share)

    def add(self, item: ActionItem) -> None:
        self.agreed += 1
        if item.status == "done":
            self.done += 1
        elif item.status == "dropped":
            self.dropped += 1
        else:
            self.open += 1


@dataclass(frozen=True)
class ActionEntry:
    """An action item shown by name: only where its ``share:`` lets this audience see it."""

    id: str
    title: str
    owner: str | None
    due: dt.date | None
    status: str
    goal: str | None
    done: dt.date | None
    share: str
    path: Path


@dataclass(frozen=True)
class AgreementTerm:
    """The public text of one section of the agreement on what is shared (plan only)."""

    title: str
    text: str


@dataclass
class GoalReport:
    """One goal with its measure, target, final status, outcome and ratings."""

    id: str
    title: str
    status: str
    measure: str | None
    baseline: str | None
    target: str | None
    target_date: dt.date | None
    outcome: str | None
    path: Path
    rounds: list[RoundRating] = field(default_factory=list)
    actions: ActionCount = field(default_factory=ActionCount)
    # The plan's extra facts (None and [] in the other kinds).
    competency: str | None = None
    stakeholders: list[str] = field(default_factory=list)
    # The progress report's verdict (see coachkit.report.track): on track, off track, no data.
    track: str | None = None
    track_reason: str | None = None
    # The plan: the named items (competencies, 360 statements) that measure the goal.
    measured_by: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return GOAL_STATUS_LABELS.get(self.status, self.status)

    @property
    def first_round(self) -> RoundRating | None:
        """The baseline: the first round of kind ``baseline``, else the first round."""
        baselines = [r for r in self.rounds if r.kind == "baseline"]
        found = baselines or self.rounds
        return found[0] if found else None

    @property
    def last_round(self) -> RoundRating | None:
        """The final figures: the last round of kind ``final``, else the latest other round."""
        first = self.first_round
        finals = [r for r in self.rounds if r.kind == "final"]
        later = [r for r in self.rounds if r is not first]
        found = finals or later
        return found[-1] if found else None

    def mark_places(self) -> None:
        """Name each round's place in the trend: Baseline, Interim or Final (``place``)."""
        first, last = self.first_round, self.last_round
        self.rounds = [
            replace(
                found,
                place="Baseline" if found is first else "Final" if found is last else "Interim",
            )
            for found in self.rounds
        ]

    @property
    def group_names(self) -> list[str]:
        """Every group shown for the baseline or the final round, in a stable order."""
        names: list[str] = []
        for found in (self.first_round, self.last_round):
            for group in found.groups if found else []:
                if group.group not in names:
                    names.append(group.group)
        return names

    @property
    def self_rated(self) -> bool:
        """Whether the baseline or the final round shows the client's self-rating."""
        return any(
            found is not None and found.self_rating is not None
            for found in (self.first_round, self.last_round)
        )

    def group_in(self, found: RoundRating | None, name: str) -> GroupRating | None:
        """The figures for group ``name`` in round ``found``, or None."""
        for group in found.groups if found else []:
            if group.group == name:
                return group
        return None


@dataclass
class ItemReport:
    """A named item no goal names (a competency or 360 statement), rated in the assessment."""

    item: str
    rounds: list[RoundRating] = field(default_factory=list)


@dataclass(frozen=True)
class ThemeGroup:
    """One rater group's themes in one round, as public text."""

    group: str
    strengths: list[str]
    hidden_strengths: list[str]
    needs: list[str]


@dataclass(frozen=True)
class ThemeRound:
    """A round's themes per rater group (interviews, a 360's written part)."""

    kind: str
    date: dt.date
    path: Path
    groups: list[ThemeGroup]

    @property
    def label(self) -> str:
        return f"{self.kind} {self.date.isoformat()}"


@dataclass(frozen=True)
class SharedText:
    """The public text of one shareable section of one session note."""

    session: int
    date: dt.date
    text: str
    path: Path


@dataclass
class SharedSection:
    """Every session's public text under one shareable heading, oldest first."""

    name: str
    entries: list[SharedText]

    @property
    def title(self) -> str:
        return self.name[:1].upper() + self.name[1:]


@dataclass(frozen=True)
class SessionEntry:
    """A session held: its number, date and minutes (``duration``, else ``session_length``)."""

    number: int
    date: dt.date
    minutes: int | None
    path: Path
    has_duration: bool = True


@dataclass(frozen=True)
class TimelineEntry:
    """A dated milestone: start, a session, a feedback round, the end, a follow-up."""

    date: dt.date
    label: str
    minutes: int | None = None


@dataclass
class Report:
    """Everything one report shows; templates read nothing else."""

    audience: str
    generated: dt.date
    root: Path
    parties: dict[str, str]
    start: dt.date | None
    end: dt.date | None
    phase: str | None
    sessions_planned: int | None
    sessions: list[SessionEntry]
    minutes: int
    sessions_without_duration: int
    timeline: list[TimelineEntry]
    goals: list[GoalReport]
    actions: ActionCount
    rounds: list[tuple[str, dt.date, Path]]
    groups_merged: bool
    groups_left_out: bool
    ratings_withheld: bool
    shareable_sections: list[str]
    shared: list[SharedSection]
    sustainment_plan: str | None
    follow_up: list[dt.date]
    missing: list[str]
    comments: int = 0
    session_length_used: bool = False
    # Where private text was left out of what the report shows ("goals/G1.md (outcome)").
    withheld: list[str] = field(default_factory=list)
    kind: str = "closure"
    # Sessions held after closure (kind: follow-up): listed apart, never counted.
    follow_up_sessions: list[SessionEntry] = field(default_factory=list)
    # The sustainment plan's Markdown rendered to HTML (raw HTML in it escaped), for HTML templates.
    sustainment_plan_html: str | None = None
    # The plan: the agreement's sharing terms, the review calendar, the shared actions.
    agreement_terms: list[AgreementTerm] = field(default_factory=list)
    cadence: str | None = None
    midpoint: dt.date | None = None
    midpoint_session: int | None = None
    development_actions: list[ActionEntry] = field(default_factory=list)
    # The progress report: the contract's minutes (sessions_planned x session_length).
    contract_minutes: int | None = None
    # What share: kept out of this report ("goals/G3-x.md (share: coach)"), for --dry-run.
    left_out: list[str] = field(default_factory=list)
    # Action items marked share: coach, counted nowhere.
    coach_only_actions: int = 0
    # The assessment's items no goal names (the client's plan and closure reports only).
    # (Not "items": a template reads a dict's fields, and dict.items is a method.)
    assessment_items: list[ItemReport] = field(default_factory=list)
    # Themes per round and rater group (plan and closure; the sponsor's only by agreement).
    themes: list[ThemeRound] = field(default_factory=list)
    # Rounds with themes the sponsor may not see (no share_themes_with_sponsor: true).
    themes_withheld: list[Path] = field(default_factory=list)

    @property
    def for_client(self) -> bool:
        return self.audience == "client"

    @property
    def client(self) -> str:
        return self.parties.get("client", self.root.name)

    @property
    def recipient(self) -> str:
        """Who the report is for, e.g. ``Sam Ortiz (sponsor)``."""
        name = self.parties.get(self.audience)
        return f"{name} ({self.audience})" if name else f"the {self.audience}"

    @property
    def sessions_held(self) -> int:
        return len(self.sessions)

    @property
    def hours_text(self) -> str:
        return f"{self.minutes / 60:.1f}".removesuffix(".0")

    @property
    def contract_hours_text(self) -> str | None:
        if self.contract_minutes is None:
            return None
        return f"{self.contract_minutes / 60:.1f}".removesuffix(".0")

    @property
    def kind_name(self) -> str:
        """``plan``, ``progress report`` or ``closure report``."""
        return KIND_NAMES[self.kind]

    @property
    def title(self) -> str:
        return f"{KIND_TITLES[self.kind]}: {self.client}"
