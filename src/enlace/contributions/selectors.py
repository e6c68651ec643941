"""Every read of contributions, recommendations, answers and cooperation mechanisms, scoped to
the user by enlace.access. A detail selector raises Http404 when the object is missing or
hidden."""

from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404

from enlace import access
from enlace.contributions.models import (
    Answer,
    AnswerRevision,
    Contribution,
    ContributionDocument,
    FollowUp,
    Mechanism,
    MechanismDocument,
    Recommendation,
)
from enlace.network.models import Country, Organisation


def contributions_visible_to(
    user: access.Who, *, meeting_id: int | None = None, status: str = ""
) -> QuerySet[Contribution]:
    actor = access.actor_for(user)
    found = (
        Contribution.objects.filter(access.contribution_filter(actor))
        .select_related("meeting__country", "organisation", "country", "report_point__report")
        .order_by("-meeting__start_date", "-pk")
    )
    if meeting_id is not None:
        found = found.filter(meeting_id=meeting_id)
    if status:
        found = found.filter(status=status)
    return found


def _answers_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "answers", queryset=Answer.objects.select_related("country").order_by("country__name_es")
    )


def _recommendations_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "recommendations",
        queryset=Recommendation.objects.order_by("position").prefetch_related(
            "countries",
            _answers_prefetch(),
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related(
                    "commitment", "activity__version", "country"
                ),
            ),
        ),
    )


def contribution_detail(user: access.Who, pk: int) -> Contribution:
    found = (
        Contribution.objects.filter(access.contribution_filter(access.actor_for(user)), pk=pk)
        .select_related(
            "meeting", "organisation", "country", "report_point__report__meeting", "submitted_by"
        )
        .prefetch_related("documents", _recommendations_prefetch())
        .first()
    )
    if found is None:
        raise Http404
    return found


def contributions_noted_in_report(user: access.Who, report_id: int) -> QuerySet[Contribution]:
    """The contributions a report's points took note of, for the report's page."""
    return contributions_visible_to(user).filter(report_point__report_id=report_id)


def recommendations_visible_to(
    user: access.Who, *, public_only: bool = False, country_code: str = ""
) -> QuerySet[Recommendation]:
    """Recommendations of the contributions the user may read, with their addressees and
    answers. ``public_only`` keeps those of public contributions (the portal)."""
    actor = access.actor_for(user) if not public_only else access.ANONYMOUS
    found = (
        Recommendation.objects.filter(access.contribution_filter(actor, "contribution__"))
        .select_related("contribution__meeting__country", "contribution__organisation")
        .select_related("contribution__country")
        .prefetch_related("countries", _answers_prefetch())
        .order_by("-contribution__meeting__start_date", "contribution_id", "position")
    )
    if country_code:
        found = found.filter(answers__country__code=country_code.upper()).distinct()
    return found


def recommendation_detail(user: access.Who, pk: int) -> Recommendation:
    found = (
        Recommendation.objects.filter(
            access.contribution_filter(access.actor_for(user), "contribution__"), pk=pk
        )
        .select_related(
            "contribution__meeting",
            "contribution__organisation",
            "contribution__country",
            "contribution__report_point__report",
        )
        .prefetch_related(
            "countries",
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("country").prefetch_related(
                    Prefetch("revisions", queryset=AnswerRevision.objects.order_by("-pk"))
                ),
            ),
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related(
                    "commitment", "activity__version", "country"
                ),
            ),
        )
        .first()
    )
    if found is None:
        raise Http404
    return found


def member_countries() -> list[Country]:
    return list(Country.objects.filter(status=Country.Status.MEMBER).order_by("name_es"))


def addressed_countries(
    recommendation: Recommendation, members: list[Country] | None = None
) -> list[Country]:
    """The member countries a recommendation is addressed to (all of them, or those named).
    ``members``: the member countries, read once for a list of recommendations."""
    if recommendation.to_all_members:
        return members if members is not None else member_countries()
    return sorted(recommendation.countries.all(), key=lambda c: c.name_es)


def answer_table(
    recommendation: Recommendation, members: list[Country] | None = None
) -> list[tuple[Country, Answer | None]]:
    """Side by side: every addressed country with its answer (or none yet)."""
    answers = {a.country_id: a for a in recommendation.answers.all()}
    return [(c, answers.get(c.pk)) for c in addressed_countries(recommendation, members)]


def answers_visible_to(
    user: access.Who, *, recommendation_id: int | None = None
) -> QuerySet[Answer]:
    actor = access.actor_for(user)
    found = (
        Answer.objects.filter(access.contribution_filter(actor, "recommendation__contribution__"))
        .select_related("country", "recommendation")
        .order_by("recommendation_id", "country__name_es")
    )
    if recommendation_id is not None:
        found = found.filter(recommendation_id=recommendation_id)
    return found


def mechanisms_visible_to(
    user: access.Who, *, country_code: str = "", status: str = ""
) -> QuerySet[Mechanism]:
    """The register of cooperation mechanisms a user may read; country reports select from it
    (``country_code`` keeps those a member country is party to)."""
    found = (
        Mechanism.objects.filter(access.mechanism_filter(access.actor_for(user)))
        .prefetch_related("countries", "organisations")
        .order_by("-start_date", "title", "pk")
    )
    if country_code:
        found = found.filter(countries__code=country_code.upper()).distinct()
    if status:
        found = found.filter(status=status)
    return found


def mechanism_detail(user: access.Who, pk: int) -> Mechanism:
    found = (
        Mechanism.objects.filter(access.mechanism_filter(access.actor_for(user)), pk=pk)
        .prefetch_related("countries", "organisations", "documents")
        .first()
    )
    if found is None:
        raise Http404
    return found


def contribution_document(user: access.Who, pk: int) -> Any:

    document = ContributionDocument.objects.select_related("contribution__meeting").filter(pk=pk)
    found = document.first()
    if found is None or not access.can_view_contribution_document(
        access.actor_for(user), found.contribution
    ):
        raise Http404
    return found


def mechanism_document(user: access.Who, pk: int) -> Any:

    found = MechanismDocument.objects.select_related("mechanism").filter(pk=pk).first()
    if found is None or not access.can_view_mechanism_documents(
        access.actor_for(user), found.mechanism
    ):
        raise Http404
    return found


def contribution_authors(user: access.Who) -> list[tuple[str, str]]:
    """Whom the user may submit a contribution for, as form choices: the observer
    organisations and observer countries ``access.can_submit_contribution_for`` allows."""
    actor = access.actor_for(user)
    organisations = Organisation.objects.filter(is_observer=True).order_by("name_es")
    countries = Country.objects.filter(status=Country.Status.OBSERVER).order_by("name_es")
    return [
        (f"org:{o.pk}", str(o))
        for o in organisations
        if access.can_submit_contribution_for(actor, o.pk, None)
    ] + [
        (f"country:{c.pk}", str(c))
        for c in countries
        if access.can_submit_contribution_for(actor, None, c.pk)
    ]


def accepting_countries(recommendation: Recommendation) -> QuerySet[Country]:
    """The countries that accepted a recommendation: those it can be followed up for."""
    return Country.objects.filter(
        answers__recommendation=recommendation, answers__position=Answer.Position.ACCEPTED
    ).order_by("name_es")


# --- what waits on the user (its home) --------------------------------------------------------


def recommendations_awaiting_answer(user: access.Who) -> QuerySet[Recommendation]:
    """The recommendations in the record addressed to one of the user's countries that this
    country has not answered yet, the most recent meeting first."""
    actor = access.actor_for(user)
    waiting = Q(pk__in=[])
    for country_id in sorted(access.own_country_ids(actor)):
        addressed = Q(to_all_members=True) | Q(
            Exists(
                Recommendation.countries.through.objects.filter(
                    recommendation_id=OuterRef("pk"), country_id=country_id
                )
            )
        )
        answered = Exists(
            Answer.objects.filter(recommendation_id=OuterRef("pk"), country_id=country_id)
        )
        waiting |= addressed & ~Q(answered)
    return (
        Recommendation.objects.filter(
            access.contribution_filter(actor, "contribution__"),
            waiting,
            contribution__status=Contribution.Status.ACCEPTED,
        )
        .select_related("contribution__meeting", "contribution__organisation")
        .select_related("contribution__country")
        .order_by("-contribution__meeting__start_date", "contribution_id", "position")
    )


def contributions_to_decide(user: access.Who) -> QuerySet[Contribution]:
    """The submitted contributions waiting for the user's decision (the secretariat's), the
    oldest first."""
    if not access.can_decide_contribution(access.actor_for(user)):
        return Contribution.objects.none()
    return contributions_visible_to(user, status=Contribution.Status.SUBMITTED).order_by(
        "created_at", "pk"
    )


def own_contributions(user: access.Who) -> QuerySet[Contribution]:
    """The contributions of the organisations (or observer countries) the user speaks for,
    whatever their status, the latest meeting first."""
    actor = access.actor_for(user)
    return contributions_visible_to(user).filter(access.own_contribution_filter(actor))


def own_contributions_open(user: access.Who) -> QuerySet[Contribution]:
    """The user's organisation's (or observer country's) contributions not yet in the record:
    returned ones (to correct) first, then those waiting for the secretariat."""
    return (
        own_contributions(user)
        .exclude(status=Contribution.Status.ACCEPTED)
        .annotate(
            returned=Case(
                When(status=Contribution.Status.RETURNED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-returned", "meeting__start_date", "pk")
    )
