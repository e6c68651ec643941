"""The work plan's fixtures (enlace.workplan.tests.fixtures), shared by the plan, its follow-up
and its archive."""

from enlace.workplan.tests.fixtures import (  # noqa: F401 (fixtures, found by pytest by name)
    adopted_version,
    draft_version,
    plan_of_action,
    work_plan,
)
