"""Build a report (plan, progress or closure) for the client or the sponsor, as data.

The report is assembled from an allow-list: engagement.md fields, goal fields,
session numbers, dates and durations, feedback figures and action item counts;
the plan adds the agreement's sharing terms and the action items whose ``share:``
lets the audience see them (:mod:`coachkit.report.visibility`).
Session text reaches it only through :func:`coachkit.notes.sections.sections`
(private text removed), only for the client, and only for the sections the
report template marks shareable. The sponsor's report holds no session text and
no stakeholder comment. :func:`disclosures` lists what a report would disclose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.model import Engagement, Session
from coachkit.feedback.anonymity import MIN_GROUP_SIZE, OTHERS, Figures, self_rating_shared
from coachkit.feedback.items import ITEMS_KEY, read_goal_items
from coachkit.feedback.rounds import Round, read_rounds, summarize
from coachkit.feedback.themes import THEME_KINDS, themes_shared
from coachkit.notes.located_map import LocatedMap
from coachkit.notes.privacy import disclose
from coachkit.notes.sections import clean, public_sections
from coachkit.report.markdown_html import markdown_html
from coachkit.report.model import (
    ASSESSMENT_KINDS,
    DATE_KEYS,
    DEFAULT_KIND,
    DEFAULT_SHAREABLE,
    GOAL_KEYS,
    NEVER_DISCLOSED,
    PARTY_KEYS,
    SHARING_SECTIONS,
    SUSTAINMENT_SECTION,
    ActionCount,
    ActionEntry,
    AgreementTerm,
    GoalReport,
    GroupRating,
    ItemReport,
    Report,
    RoundRating,
    SessionEntry,
    SharedSection,
    SharedText,
    ThemeGroup,
    ThemeRound,
    TimelineEntry,
    check_audience,
    check_kind,
    format_number,
    text_or_none,
)
from coachkit.report.track import verdict
from coachkit.report.visibility import share_of, visible_to


def _public(text: str, where: Path, first_line: int) -> tuple[str, bool]:
    """``text`` as it may be disclosed (see :func:`coachkit.notes.privacy.disclose`), comments removed,
    and whether anything private was left out."""
    found = disclose(text, where, first_line=first_line)
    return clean(found.text.splitlines()), found.withheld


def _round_rating(
    feedback: Round,
    goal: str | None,
    mean: float,
    figures: Figures,
    client: bool,
    show_self: bool,
    texts: _PublicTexts,
    with_comments: bool,
) -> RoundRating:
    """One goal's figures in one round, as :mod:`coachkit.feedback.anonymity` allows them.

    The client's self-rating is shown to the client, and to the sponsor only when
    ``show_self`` (the agreement says so); it never counts in the mean.
    """
    responses = [r for r in feedback.responses if goal is not None and r.counts_for == goal]
    group_ratings = [
        GroupRating(
            group.name,
            group.mean,
            group.raters,
            format_number(group.mean, feedback.measures_change),
        )
        for group in figures.groups
    ]
    comments: list[str] = []
    if with_comments:
        for response in responses:
            if response.comment:
                public = texts.text(response.comment, feedback.path, response.line, "comment")
                if public:
                    comments.append(public)
    return RoundRating(
        feedback.kind,
        feedback.date,
        feedback.scale[0],
        feedback.scale[1],
        mean,
        figures.stakeholders,
        figures.improved_share,
        group_ratings,
        comments,
        feedback.path,
        figures.self_rating if client or show_self else None,
        declined_share=figures.declined_share,
    )


def build_report(
    engagement: Engagement,
    audience: str,
    *,
    as_of: dt.date,
    shareable_sections: Sequence[str] = DEFAULT_SHAREABLE,
    kind: str = DEFAULT_KIND,
) -> Report:
    """The ``kind`` of report (plan, progress, closure) for ``audience`` as of ``as_of``.

    Broken notes and invalid feedback (a rating outside its scale, an unknown
    goal) raise the first problem; missing parts become lines in ``missing``.
    Each kind fills only what its templates show, so ``disclosures`` lists exactly that.
    """
    check_audience(audience)
    check_kind(kind)
    engagement.raise_for_problems()
    rounds, problems = read_rounds(engagement)
    if problems:
        raise problems[0]
    if kind == "plan":
        rounds = [r for r in rounds if r.kind in ASSESSMENT_KINDS]
    elif kind == "progress":
        rounds = [r for r in rounds if r.date <= as_of]
    client = audience == "client"
    meta = engagement.meta
    missing: list[str] = []

    session_length = meta.get("session_length")
    default_minutes = session_length if isinstance(session_length, int) else None
    held = [s for s in engagement.sessions if s.date <= as_of] if kind != "plan" else []
    entries = {
        s.path: SessionEntry(
            s.number, s.date, s.duration or default_minutes, s.path, bool(s.duration)
        )
        for s in held
    }
    sessions = [entries[s.path] for s in held if not s.is_follow_up]
    follow_up_sessions = [entries[s.path] for s in held if s.is_follow_up]
    if not sessions and kind != "plan":
        missing.append("No sessions have been held yet.")
    texts = _PublicTexts(engagement.root)
    engagement_path = engagement.root / ENGAGEMENT_FILE
    left_out: list[str] = []
    goals = _goal_reports(engagement, texts, audience, kind, left_out)
    if not goals:
        if engagement.goals:
            missing.append(
                f"No goals are shared with the {audience}: "
                f"`share: {'sponsor' if audience == 'sponsor' else 'client'}` in a goal shows it."
            )
        else:
            missing.append("No goals were recorded for this engagement.")
    # Stakeholders' comments reach the client's closure report only.
    items: list[ItemReport] = []
    merged, left, withheld = _attach_ratings(
        goals,
        rounds,
        client,
        engagement,
        texts,
        comments=client and kind == "closure",
        items=items if client and kind != "progress" else None,
    )
    themes: list[ThemeRound] = []
    themes_withheld: list[Path] = []
    # A bad value stops every report, as share_self_rating_with_sponsor's does.
    sponsor_sees_themes = themes_shared(_engagement_meta(engagement), engagement_path)
    if kind != "progress":
        if client or sponsor_sees_themes:
            themes = _themes(rounds, texts)
        else:
            themes_withheld = [r.path for r in rounds if r.themes]
    if not rounds and kind != "plan":
        missing.append("No stakeholder feedback was recorded.")
    actions = _count_actions(engagement, goals)
    if not actions.agreed and kind != "plan":
        missing.append("No action items were recorded.")
    listed: list[ActionEntry] = []
    if kind in ("plan", "progress"):
        listed = _shared_actions(engagement, goals, audience, texts, left_out)
        if not listed and kind == "plan":
            missing.append(f"No development actions are shared with the {audience}.")
    shareable = [name.strip().lower() for name in shareable_sections] if client else []
    shared = _shared_sections(held, shareable, texts)
    plan = _sustainment_plan(engagement, texts) if kind == "closure" else None
    if not plan and kind == "closure":
        missing.append("No sustainment plan was recorded.")
    follow_up = (
        sorted(d for d in meta.get("follow_up") or [] if isinstance(d, dt.date))
        if kind != "progress"
        else []
    )
    if not follow_up and kind == "closure":
        missing.append("No follow-up dates were set.")
    terms = _agreement_terms(engagement, texts) if kind == "plan" else []
    if kind == "plan" and not terms:
        missing.append("The agreement has no section on who sees what.")

    start = meta.get("start") if isinstance(meta.get("start"), dt.date) else None
    end = meta.get("end") if isinstance(meta.get("end"), dt.date) else None
    planned = meta.get("sessions_planned")
    planned = planned if isinstance(planned, int) and planned > 0 else None
    for goal in goals:
        goal.mark_places()
    if kind == "progress":
        for goal in goals:
            goal.track, goal.track_reason = verdict(
                goal.rounds, goal.target, start, goal.target_date or end
            )
    return Report(
        audience=audience,
        generated=as_of,
        root=engagement.root,
        parties={
            key: text for key in PARTY_KEYS if (text := texts.field(meta, key, engagement_path))
        },
        start=start,
        end=end,
        phase=texts.field(meta, "phase", engagement_path),
        sessions_planned=planned,
        sessions=sessions,
        minutes=sum(s.minutes or 0 for s in sessions),
        sessions_without_duration=sum(1 for s in sessions if not s.minutes),
        timeline=_timeline(start, end, sessions, follow_up_sessions, rounds, follow_up)
        if kind != "plan"
        else [],
        goals=goals,
        actions=actions,
        rounds=[(r.kind, r.date, r.path) for r in rounds],
        groups_merged=merged,
        groups_left_out=left,
        ratings_withheld=withheld,
        shareable_sections=shareable,
        shared=shared,
        sustainment_plan=plan,
        follow_up=follow_up,
        missing=missing,
        comments=sum(len(r.comments) for g in goals for r in g.rounds),
        withheld=texts.withheld,
        session_length_used=(
            default_minutes is not None
            and (any(not s.duration for s in held) or (kind == "progress" and bool(planned)))
        ),
        kind=kind,
        follow_up_sessions=follow_up_sessions,
        sustainment_plan_html=markdown_html(plan) if plan else None,
        agreement_terms=terms,
        cadence=texts.field(meta, "cadence", engagement_path) if kind == "plan" else None,
        midpoint=start + dt.timedelta(days=(end - start).days // 2)
        if kind == "plan" and start and end
        else None,
        midpoint_session=(planned + 1) // 2 if kind == "plan" and planned else None,
        development_actions=listed,
        contract_minutes=(
            planned * default_minutes
            if kind == "progress" and planned and default_minutes
            else None
        ),
        left_out=left_out,
        coach_only_actions=sum(
            1 for item in engagement.actions if share_of(item.extra.get("share")) == "coach"
        ),
        assessment_items=items,
        themes=themes,
        themes_withheld=themes_withheld,
    )


GOAL_TEXT_KEYS = ("title", "measure", "baseline", "target", "outcome")


class _PublicTexts:
    """Every text a report shows passes here: private parts out, and a record of where."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.withheld: list[str] = []

    def text(self, value: str, where: Path, line: int, what: str) -> str | None:
        public, withheld = _public(value, where, line)
        if withheld:
            self.withheld.append(f"{_relative_to(self.root, where)} ({what})")
        return public or None

    def field(self, meta: Any, key: str, where: Path) -> str | None:
        """The front-matter text ``meta[key]`` as it may be disclosed, or None."""
        value = text_or_none(meta.get(key))
        if value is None:
            return None
        position = meta.position_of(key) if isinstance(meta, LocatedMap) else (1, 1)
        return self.text(value, where, position[0], key)

    def sections(self, body: str, where: Path, line: int) -> dict[str, str]:
        found, withheld = public_sections(body, where, line)
        if withheld:
            self.withheld.append(f"{_relative_to(self.root, where)} (body)")
        return found


def _goal_share(engagement: Engagement, path: Path) -> str:
    note = engagement.notes.get(path)
    return share_of(note.meta.get("share") if note is not None else None)


def _goal_reports(
    engagement: Engagement,
    texts: _PublicTexts,
    audience: str,
    kind: str,
    left_out: list[str],
) -> list[GoalReport]:
    """The goals ``audience`` may see (their ``share:``), with what ``kind`` shows of each."""
    goals = []
    for goal in engagement.goals:
        share = _goal_share(engagement, goal.path)
        if not visible_to(share, audience):
            left_out.append(
                f"goal {goal.id} in {_relative_to(engagement.root, goal.path)} (share: {share})"
            )
            continue
        note = engagement.notes.get(goal.path)
        meta: Any = note.meta if note is not None else {}
        shown = {key: texts.field(meta, key, goal.path) for key in GOAL_TEXT_KEYS}
        report = GoalReport(
            goal.id,
            shown["title"] or goal.id,
            goal.status,
            shown["measure"],
            shown["baseline"],
            shown["target"],
            goal.target_date,
            shown["outcome"] if kind == "closure" else None,  # what came of it: at the end
            goal.path,
        )
        if kind == "plan":
            report.competency = texts.field(meta, "competency", goal.path)
            line = meta.position_of(ITEMS_KEY)[0] if ITEMS_KEY in meta else goal.line
            report.measured_by = [
                found
                for name in read_goal_items(meta, goal.path)[0]
                if (found := texts.text(name, goal.path, line, "items"))
            ]
            line = meta.position_of("stakeholders")[0] if "stakeholders" in meta else goal.line
            report.stakeholders = [
                found
                for name in goal.stakeholders
                if (found := texts.text(name, goal.path, line, "stakeholders"))
            ]
        goals.append(report)
    return goals


def _attach_ratings(
    goals: list[GoalReport],
    rounds: list[Round],
    client: bool,
    engagement: Engagement,
    texts: _PublicTexts,
    *,
    comments: bool,
    items: list[ItemReport] | None = None,
) -> tuple[bool, bool, bool]:
    """Add each round's figures to its goals (see :mod:`coachkit.feedback.anonymity`), and
    to ``items`` those of items no goal names, when ``items`` is given.

    Returns whether small groups were merged into "others", whether a larger group
    had to join "others" so that it would not hold one or two raters, and whether
    a goal's round was withheld because fewer than three stakeholders rated it.
    """
    path = engagement.root / ENGAGEMENT_FILE
    show_self = self_rating_shared(_engagement_meta(engagement), path)
    by_id = {goal.id: goal for goal in goals}
    round_of = {feedback.path: feedback for feedback in rounds}
    merged_any = regrouped_any = withheld_any = False
    by_item: dict[str, ItemReport] = {}
    for summary in summarize(rounds):
        goal = by_id.get(summary.goal) if summary.goal is not None else None
        if goal is None and (summary.item is None or items is None):
            continue
        figures = summary.figures
        if figures.mean is None:
            withheld_any = True
            continue
        if goal is None:
            text = texts.text(summary.item or "", summary.path, 1, "item")
            if not text:
                continue
            entry = by_item.get(text)
            if entry is None:
                entry = by_item[text] = ItemReport(text)
                assert items is not None
                items.append(entry)
            target = entry.rounds
        else:
            target = goal.rounds
        target.append(
            _round_rating(
                round_of[summary.path],
                summary.goal,
                figures.mean,
                figures,
                client,
                show_self,
                texts,
                comments,
            )
        )
        merged_any = merged_any or figures.merged
        regrouped_any = regrouped_any or figures.regrouped
    return merged_any, regrouped_any, withheld_any


def _engagement_meta(engagement: Engagement) -> Any:
    """engagement.md's front matter, knowing where each key is when the note was read."""
    note = engagement.notes.get(engagement.root / ENGAGEMENT_FILE)
    return note.meta if note is not None else engagement.meta


def _themes(rounds: Sequence[Round], texts: _PublicTexts) -> list[ThemeRound]:
    """Each round's themes per rater group, as public text (no rater code is ever in them)."""
    found = []
    for feedback in rounds:
        groups = []
        for group in feedback.themes:
            lists = {
                kind: [
                    public
                    for text in group.of(kind)
                    if (
                        public := texts.text(
                            text,
                            feedback.path,
                            group.lines.get(kind, 1),
                            f"themes of {group.group}",
                        )
                    )
                ]
                for kind in THEME_KINDS
            }
            if any(lists.values()):
                groups.append(
                    ThemeGroup(
                        group.group, lists["strengths"], lists["hidden_strengths"], lists["needs"]
                    )
                )
        if groups:
            found.append(ThemeRound(feedback.kind, feedback.date, feedback.path, groups))
    return found


def _count_actions(engagement: Engagement, goals: list[GoalReport]) -> ActionCount:
    """Counts of every item but those marked ``share: coach``, overall and per goal shown."""
    by_id = {goal.id: goal for goal in goals}
    actions = ActionCount()
    for item in engagement.actions:
        if share_of(item.extra.get("share")) == "coach":
            continue
        actions.add(item)
        if item.goal in by_id:
            by_id[item.goal].actions.add(item)
    return actions


def _shared_actions(
    engagement: Engagement,
    goals: Sequence[GoalReport],
    audience: str,
    texts: _PublicTexts,
    left_out: list[str],
) -> list[ActionEntry]:
    """The action items ``audience`` may see by name: their ``share:`` allows it, and
    their goal, if any, is shown to ``audience`` too."""
    shown_goals = {goal.id for goal in goals}
    known_goals = engagement.goal_ids()
    listed = []
    for item in engagement.actions:
        share = share_of(item.extra.get("share"))
        hidden_goal = item.goal in known_goals and item.goal not in shown_goals
        where = _relative_to(engagement.root, item.path)
        if not visible_to(share, audience) or hidden_goal:
            why = (
                f"share: {share}"
                if not visible_to(share, audience)
                else f"goal {item.goal} not shared"
            )
            left_out.append(f"action {item.id} in {where} ({why})")
            continue
        title = texts.text(item.title, item.path, item.line, f"action {item.id}") or item.id
        owner = (
            texts.text(item.owner, item.path, item.line, f"action {item.id}")
            if item.owner
            else None
        )
        listed.append(
            ActionEntry(
                item.id, title, owner, item.due, item.status, item.goal, item.done, share, item.path
            )
        )
    return listed


def _agreement_terms(engagement: Engagement, texts: _PublicTexts) -> list[AgreementTerm]:
    """The public text of the agreement's sections on what is shared (SHARING_SECTIONS)."""
    path = engagement.root / ENGAGEMENT_FILE
    note = engagement.notes.get(path)
    if note is None:
        return []
    found = texts.sections(note.body, path, note.body_line)
    return [
        AgreementTerm(name[:1].upper() + name[1:], found[name])
        for name in SHARING_SECTIONS
        if found.get(name)
    ]


def _shared_sections(
    held: Sequence[Session], shareable: Sequence[str], texts: _PublicTexts
) -> list[SharedSection]:
    """The public text of each shareable section, session by session (none for the sponsor)."""
    shared = [SharedSection(name, []) for name in shareable]
    for session in held if shared else []:
        public = texts.sections(session.body, session.path, session.body_line)
        for section in shared:
            text = public.get(section.name, "")
            if text:
                section.entries.append(SharedText(session.number, session.date, text, session.path))
    return [section for section in shared if section.entries]


def _sustainment_plan(engagement: Engagement, texts: _PublicTexts) -> str | None:
    path = engagement.root / ENGAGEMENT_FILE
    note = engagement.notes.get(path)
    if note is None:
        return None
    return texts.sections(note.body, path, note.body_line).get(SUSTAINMENT_SECTION) or None


def _timeline(
    start: dt.date | None,
    end: dt.date | None,
    held: Sequence[SessionEntry],
    follow_up_sessions: Sequence[SessionEntry],
    rounds: Sequence[Round],
    follow_up: Sequence[dt.date],
) -> list[TimelineEntry]:
    entries = [TimelineEntry(s.date, f"Session {s.number}", s.minutes) for s in held]
    entries += [
        TimelineEntry(s.date, f"Follow-up session {s.number}", s.minutes)
        for s in follow_up_sessions
    ]
    entries += [TimelineEntry(r.date, f"Feedback: {r.kind}") for r in rounds]
    entries += [TimelineEntry(day, "Follow-up") for day in follow_up]
    if start:
        entries.append(TimelineEntry(start, "Start"))
    if end:
        entries.append(TimelineEntry(end, "End"))
    order = {"Start": 0, "End": 2}
    return sorted(entries, key=lambda e: (e.date, order.get(e.label, 1)))


def _relative(report: Report, path: Path) -> str:
    return _relative_to(report.root, path)


def _relative_to(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def disclosures(report: Report) -> list[str]:
    """Exactly which fields and sections ``report`` discloses, one line per source."""
    lines: list[str] = []
    fields = [key for key in PARTY_KEYS if key in report.parties]
    fields += [key for key in DATE_KEYS if getattr(report, key)]
    fields += [
        key
        for key, value in (
            ("phase", report.phase),
            ("sessions_planned", report.sessions_planned),
            ("cadence", report.cadence),
            ("follow_up", report.follow_up),
        )
        if value
    ]
    if report.session_length_used:
        fields.append("session_length")
    lines.append(f"{ENGAGEMENT_FILE}: {', '.join(fields) or 'no fields'}")
    for term in report.agreement_terms:
        lines.append(f"{ENGAGEMENT_FILE}: section '{term.title}' (public text)")
    if report.sustainment_plan:
        lines.append(f"{ENGAGEMENT_FILE}: section 'Sustainment plan' (public text)")
    for goal in report.goals:
        shown = [key for key in GOAL_KEYS if getattr(goal, key) is not None]
        shown += [key for key in ("competency", "stakeholders") if getattr(goal, key)]
        lines.append(f"{_relative(report, goal.path)}: {', '.join(shown)}")
    for session in sorted(
        [*report.sessions, *report.follow_up_sessions], key=lambda s: (s.date, s.number)
    ):
        shown = ["session", "date"] + (["duration"] if session.has_duration else [])
        titles = [
            section.title
            for section in report.shared
            if any(entry.path == session.path for entry in section.entries)
        ]
        extra = "".join(f"; section '{title}' (public text)" for title in titles)
        lines.append(f"{_relative(report, session.path)}: {', '.join(shown)}{extra}")
    for kind, day, path in report.rounds:
        lines.append(_round_disclosure(report, kind, day, path))
    for item in report.development_actions:
        shown = [
            key
            for key in ("id", "title", "owner", "due", "status", "goal", "done")
            if getattr(item, key) is not None
        ]
        lines.append(
            f"{_relative(report, item.path)}: action item {item.id}: {', '.join(shown)} "
            f"(share: {item.share})"
        )
    if report.kind != "plan":
        counted = "action items in every note"
        if report.coach_only_actions:
            counted += f" but {report.coach_only_actions} marked share: coach"
        only = "" if report.development_actions else " only"
        lines.append(f"{counted}: counts{only} (agreed, done, dropped, open), overall and per goal")
    if report.left_out:
        lines.append(f"left out for the {report.audience} by share: " + ", ".join(report.left_out))
    if report.withheld:
        lines.append("private text left out of: " + ", ".join(report.withheld))
    never = NEVER_DISCLOSED
    if report.development_actions:
        never += " (but those listed above)"
    lines.append(never)
    return lines


def _round_disclosure(report: Report, kind: str, day: dt.date, path: Path) -> str:
    return _round_ratings_disclosure(report, kind, day, path) + _round_extras(report, path)


def _round_extras(report: Report, path: Path) -> str:
    """What else a round discloses: the figures of items no goal names, and its themes."""
    text = ""
    items = sum(
        1 for item in report.assessment_items for found in item.rounds if found.path == path
    )
    if items:
        text += f"; {items} item{'s' if items != 1 else ''} no goal names: the same figures"
    groups = [g.group for found in report.themes if found.path == path for g in found.groups]
    if groups:
        text += f"; themes of {', '.join(groups)} (public text, no rater codes)"
    elif path in report.themes_withheld:
        text += "; themes: not shown (share_themes_with_sponsor is not true)"
    return text


def _round_ratings_disclosure(report: Report, kind: str, day: dt.date, path: Path) -> str:
    ratings = [
        (goal.id, found) for goal in report.goals for found in goal.rounds if found.path == path
    ]
    if not ratings:
        return f"{_relative(report, path)}: kind, date ({kind}, {day}); no ratings of a goal"
    goals = ", ".join(goal_id for goal_id, _ in ratings)
    groups = sorted({g.group for _, found in ratings for g in found.groups})
    comments = sum(len(found.comments) for _, found in ratings)
    improved = any(found.improved_share is not None for _, found in ratings)
    own = any(found.self_rating is not None for _, found in ratings)
    self_rating = "the client's self-rating (not in the mean); " if own else ""
    breakdown = (
        f"group means for {', '.join(groups)} (groups of at least {MIN_GROUP_SIZE} raters; "
        f"smaller ones merged into {OTHERS!r})"
        if groups
        else "no group means"
    )
    shares = " and shares who saw improvement and decline" if improved else ""
    text = (
        f"{_relative(report, path)}: kind, date, scale; per goal ({goals}) the stakeholders' "
        f"mean rating, number of raters{shares}; "
        f"{self_rating}{breakdown}"
    )
    if comments:
        text += f"; {comments} comment{'s' if comments != 1 else ''} (public text)"
    return text
