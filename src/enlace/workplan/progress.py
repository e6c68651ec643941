"""Progress of a work plan: an objective's is the weighted mean of its activities', the plan's
the weighted mean of its objectives'. Pure functions over already-loaded rows (no queries)."""

from collections.abc import Iterable
from dataclasses import dataclass

from enlace.workplan.models import Activity

COUNTED_OUT = {Activity.Status.CANCELLED}


def activity_progress(activity: Activity) -> int:
    """A completed activity counts 100 %, whatever was last typed in its progress."""
    if activity.status == Activity.Status.COMPLETED:
        return 100
    return int(activity.progress)


def weighted_progress(items: Iterable[tuple[int, float]]) -> float | None:
    """The weighted mean of (weight, progress) pairs; ``None`` when nothing counts."""
    total_weight = 0
    total = 0.0
    for weight, progress in items:
        total_weight += weight
        total += weight * progress
    return round(total / total_weight, 1) if total_weight else None


def objective_progress(activities: Iterable[Activity]) -> float | None:
    """Cancelled activities do not count; an objective with none left has no progress."""
    return weighted_progress(
        (a.weight, activity_progress(a)) for a in activities if a.status not in COUNTED_OUT
    )


@dataclass(frozen=True)
class ObjectiveProgress:
    objective_id: int
    weight: int
    progress: float | None


def plan_progress(objectives: Iterable[ObjectiveProgress]) -> float | None:
    return weighted_progress((o.weight, o.progress) for o in objectives if o.progress is not None)
