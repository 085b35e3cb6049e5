"""How the apps plug into the core without the core naming them (in the spirit of wagtail's hooks).

Each app registers, from its `AppConfig.ready()`:

- navigation entries (`register_nav`) and the landing page of the roles it serves
  (`register_landing`);
- cards on the coordinator's overview (`register_overview_card`): a template and a function that
  returns its context;
- panels on another app's pages (`register_panel`): "case", "client" or "intake"; a panel is a
  function of the request and the object that returns HTML, or None when the user may not see it;
- its part of `manage.py seed_demo` (`register_demo`), ordered so that users exist before cases;
- its periodic jobs (`register_periodic`), merged into Celery beat's schedule;
- where the records its access-log rows name are read (`register_record_links`), so that the
  access log links to them.

The core reads these through the functions at the bottom. Registration is idempotent by key, so
that `ready()` running twice (as the test runner may) does not double an entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

PANEL_PAGES = frozenset({"case", "client", "intake", "response"})


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    roles: frozenset[str]
    order: int = 100


@dataclass(frozen=True)
class OverviewCard:
    key: str
    template: str
    context: Callable[[HttpRequest], dict]
    order: int = 100


@dataclass(frozen=True)
class Panel:
    key: str
    render: Callable[[HttpRequest, object], str | None]
    order: int = 100


@dataclass(frozen=True)
class DemoPart:
    key: str
    seed: Callable[..., None]
    order: int = 100


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str
    schedule: timedelta


@dataclass(frozen=True)
class RecordLink:
    """Where an access-log row's record is opened, and the records a list read showed (text, url),
    which `related_label` names ("Clients shown")."""

    url: str | None = None
    related: tuple[tuple[str, str], ...] = ()
    related_label: str = ""


# Given the rows of one object type on a page of the access log, their links by row id: one query
# per object type, never one per row.
RecordLinker = Callable[[list], dict[int, RecordLink]]


@dataclass
class Registry:
    nav: dict[str, NavEntry] = field(default_factory=dict)
    landing: dict[str, str] = field(default_factory=dict)
    cards: dict[str, OverviewCard] = field(default_factory=dict)
    panels: dict[str, dict[str, Panel]] = field(default_factory=lambda: {page: {} for page in PANEL_PAGES})
    demo: dict[str, DemoPart] = field(default_factory=dict)
    periodic: dict[str, PeriodicJob] = field(default_factory=dict)
    record_links: dict[str, RecordLinker] = field(default_factory=dict)


registry = Registry()


def register_nav(url_name: str, label: str, *, roles: Iterable[str], order: int = 100) -> None:
    registry.nav[url_name] = NavEntry(url_name, label, frozenset(roles), order)


def register_landing(role: str, url_name: str) -> None:
    """The page a user of `role` lands on after signing in. One app owns each role's landing."""
    existing = registry.landing.get(role)
    if existing not in (None, url_name):
        raise ValueError(f"The landing page of role {role!r} is already {existing!r}.")
    registry.landing[role] = url_name


def register_overview_card(
    key: str, *, template: str, context: Callable[[HttpRequest], dict], order: int = 100
) -> None:
    registry.cards[key] = OverviewCard(key, template, context, order)


def register_panel(
    page: str, key: str, render: Callable[[HttpRequest, object], str | None], *, order: int = 100
) -> None:
    if page not in PANEL_PAGES:
        raise ValueError(f"No page {page!r} takes panels; choose one of {sorted(PANEL_PAGES)}.")
    registry.panels[page][key] = Panel(key, render, order)


def register_demo(key: str, seed: Callable[..., None], *, order: int = 100) -> None:
    """`seed(*, password, users)` adds an app's demo data; `users` maps demo usernames to users."""
    registry.demo[key] = DemoPart(key, seed, order)


def register_periodic(name: str, *, task: str, schedule: timedelta) -> None:
    """A job for Celery beat, named by its task's name so that the core imports nothing of the app.

    Apps register from `ready()`, which runs before a worker or beat builds its schedule.
    """
    from clinic.celery import app

    registry.periodic[name] = PeriodicJob(name, task, schedule)
    app.conf.beat_schedule = {**(app.conf.beat_schedule or {}), **beat_schedule()}


def register_record_links(object_type: str, linker: RecordLinker) -> None:
    """`object_type` as the access log records it ("intake.client"); see RecordLinker."""
    registry.record_links[object_type] = linker


def links_by_public_id(model: type[Model], url_name: str, *, public_id: str = "public_id") -> RecordLinker:
    """The usual linker: the row's record opens at `url_name`, which takes its opaque public id
    (or the one `public_id` names across a relation, for a record shown on its parent's page)."""

    def linker(events: list) -> dict[int, RecordLink]:
        pks = {int(event.object_id) for event in events if event.object_id.isdigit()}
        rows = model._default_manager.filter(pk__in=pks).values_list("pk", public_id) if pks else []
        public_ids = dict(rows)
        return {
            event.pk: RecordLink(url=reverse(url_name, args=[public_ids[int(event.object_id)]]))
            for event in events
            if event.object_id.isdigit() and int(event.object_id) in public_ids
        }

    return linker


# Readers, for the core.


def nav_entries() -> list[NavEntry]:
    return sorted(registry.nav.values(), key=lambda entry: (entry.order, entry.url_name))


def landing_for(role: str) -> str | None:
    return registry.landing.get(role)


def overview_cards() -> list[OverviewCard]:
    return sorted(registry.cards.values(), key=lambda card: (card.order, card.key))


def render_panels(page: str, request: HttpRequest, obj: object) -> list[SafeString]:
    panels = sorted(registry.panels[page].values(), key=lambda panel: (panel.order, panel.key))
    rendered = (panel.render(request, obj) for panel in panels)
    # Panels render their own templates, which escape what they show.
    return [mark_safe(html) for html in rendered if html]  # noqa: S308


def demo_parts() -> list[DemoPart]:
    return sorted(registry.demo.values(), key=lambda part: (part.order, part.key))


def beat_schedule() -> dict[str, dict]:
    return {job.name: {"task": job.task, "schedule": job.schedule} for job in registry.periodic.values()}


def record_links(events: Iterable) -> dict[int, RecordLink]:
    """The links of a page of access-log rows, by row id; rows of an unregistered type have none."""
    by_type: dict[str, list] = defaultdict(list)
    for event in events:
        by_type[event.object_type].append(event)
    links: dict[int, RecordLink] = {}
    for object_type, rows in by_type.items():
        linker = registry.record_links.get(object_type)
        if linker is not None:
            links.update(linker(rows))
    return links
