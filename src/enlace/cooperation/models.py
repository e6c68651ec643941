"""Cross-border cooperation requests between member countries, and the protected victim cases
they refer to.

A request goes from the officers of one country (the requesting party) to one or more other
member countries (the requested parties): sent → acknowledged → in progress → completed or
declined (with a reason) → closed. Every change is a ``StateChange`` row and an audit event;
messages and attachments live inside the request; nothing is deleted.

A protected case carries a pseudonymous code (random, never derived from the person) and the
non-identifying fields of the Human Trafficking Case Data Standard (HTCDS). The identifying data
(name, date of birth, identity documents, contacts, photo) is kept apart in ``CaseIdentity``,
encrypted with the keys of ``ENLACE_CASE_KEYS`` (enlace.core.crypto); attachments of
requests are encrypted the same way, and so is the free text of a request, where officers may
write a name: its summary and details, the messages, the decline reason and the reasons of the
state changes (enlace.cooperation.fields; the database cannot search them). Who may read what is
in enlace.access.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from enlace.cooperation.fields import EncryptedJSONField, EncryptedTextField
from enlace.network.models import Country

# --- the vocabulary (HTCDS value names where the standard has them) ----------------------------


class RequestType(models.TextChoices):
    REPATRIATION = "repatriation", _("Repatriation of a victim")
    ASSISTED_RETURN = "assisted_return", _("Assisted return")
    FAMILY_TRACING = "family_tracing", _("Family tracing and risk assessment")
    DOCUMENT_VERIFICATION = "document_verification", _("Document verification")
    INVESTIGATION = "investigation", _("Information for an investigation or prosecution")
    ASSISTANCE_REFERRAL = "assistance_referral", _("Victim assistance referral")
    OTHER = "other", _("Other")


# Default response time of each type, in days from the day the request is sent.
DEFAULT_RESPONSE_DAYS: dict[str, int] = {
    RequestType.REPATRIATION: 30,
    RequestType.ASSISTED_RETURN: 15,
    RequestType.FAMILY_TRACING: 30,
    RequestType.DOCUMENT_VERIFICATION: 10,
    RequestType.INVESTIGATION: 45,
    RequestType.ASSISTANCE_REFERRAL: 7,
    RequestType.OTHER: 30,
}

# The types that are about a person, and so must refer to a protected case.
TYPES_ABOUT_A_PERSON = frozenset(
    {
        RequestType.REPATRIATION,
        RequestType.ASSISTED_RETURN,
        RequestType.FAMILY_TRACING,
        RequestType.ASSISTANCE_REFERRAL,
    }
)


class RequestState(models.TextChoices):
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


OPEN_STATES = (RequestState.SENT, RequestState.ACKNOWLEDGED, RequestState.IN_PROGRESS)
# The working inbox: waiting for an answer, or answered and waiting to be closed.
NOT_CLOSED = [*OPEN_STATES, RequestState.COMPLETED, RequestState.DECLINED]


class Sex(models.TextChoices):
    """HTCDS 2.0 prs_Gender, its picklist values."""

    FEMALE = "Feminine", _("Female")
    MALE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender woman")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender man")
    NON_CONFORMING = "NonConforming", _("Gender non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not specified or unknown")


class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", _("0–11")
    TEEN = "12-17", _("12–17")
    YOUNG = "18-25", _("18–25")
    ADULT = "26-45", _("26–45")
    OLDER = "46+", _("46 or more")
    UNKNOWN = "unknown", _("Unknown")


class Exploitation(models.TextChoices):
    """HTCDS 2.0 vic_TypeOfExploitation, its picklist values."""

    LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Servitude, domestic servitude included")
    MILITARY = "ForcedMilitaryByNonStateActors", _("Forced recruitment by armed groups")
    ORGANS = "OrganRemoval", _("Organ removal")
    BEGGING = "ForcedBegging", _("Forced begging")
    ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Forced surrogacy")
    OTHER = "Other", _("Other (forced criminal activities included)")


class ControlMethod(models.TextChoices):
    """HTCDS 2.0 vic_MethodsOfControl, its picklist values."""

    THREATS = "PhysicalThreats", _("Threats of violence")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of reporting to the authorities")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threats against children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL = "PhysicalAbuse", _("Physical abuse")
    SEXUAL = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCES = "RestrictsFinancialAccess", _("Restricts access to money")
    RESTRICTS_MEDICAL = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds food, sleep or other necessities")
    PSYCHOLOGICAL = "PsychologicalAbuse", _("Psychological abuse")
    SUBSTANCES = "PsychoactiveSubstance", _("Psychoactive substances")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", _("Other (restricted movement included)")


class Recruitment(models.TextChoices):
    """HTCDS 2.0 vic_MethodOfRecruitment, its picklist values."""

    PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    EDUCATIONAL = "AtAnEducationalInstitution", _("At an educational institution")
    AT_WORK = "AtWork", _("At work")
    SOCIAL_NETWORKS = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_ADVERT = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TELEVISION = "ThroughATelevisionAdvert", _("Through a television advertisement")
    NEWSPAPER = "ThroughANewspaperAdvert", _("Through a newspaper advertisement")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family or family events")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", _("Other")


class Vulnerability(models.TextChoices):
    """Vulnerabilities, as HTCDS 1 named them (vic_Vulnerabilities, deprecated in 2.0 in favour
    of assessments the platform does not hold): exported in the platform's own extension."""

    ADDICTION = "Addiction", _("Addiction")
    DISCRIMINATION = "Discrimination", _("Discrimination")
    POVERTY = "Poverty", _("Poverty")
    DISABILITY = "DisabilityAndPhysicalHealth", _("Disability and physical health")
    MENTAL_HEALTH = "MentalHealth", _("Mental health")
    MIGRATION = "Migration", _("Migration")
    HOMELESSNESS = "Homelessness", _("Homelessness")
    ABUSE = "AbusePhysical", _("Abuse")
    EDUCATION = "Education", _("Education")


class Assistance(models.TextChoices):
    SHELTER = "Shelter", _("Shelter")
    MEDICAL = "Medical", _("Medical care")
    PSYCHOLOGICAL = "Psychosocial", _("Psychosocial support")
    LEGAL = "Legal", _("Legal assistance")
    MIGRATION_STATUS = "MigrationStatus", _("Migration status regularisation")
    RETURN = "Return", _("Assisted return")
    REINTEGRATION = "Reintegration", _("Reintegration")


class CaseStatus(models.TextChoices):
    """HTCDS cas_Status."""

    ACTIVE = "Active", _("Active")
    FOLLOW_UP = "FollowUp", _("Follow-up")
    CLOSED = "Closed", pgettext_lazy("case", "Closed")
    CLOSED_REFERRED = "ClosedReferred", _("Closed (referred)")


CLOSED_CASE_STATUSES = (CaseStatus.CLOSED, CaseStatus.CLOSED_REFERRED)


class LegalBasis(models.TextChoices):
    """Why a case's identity may be shared between the parties."""

    NONE = "", _("None recorded")
    CONSENT = "consent", _("The person's consent to sharing")
    CHILD_BEST_INTEREST = "child_best_interest", _("Best interest of the child (legal guardian)")
    VITAL_INTEREST = "vital_interest", _("Vital interest of the person")
    JUDICIAL_ORDER = "judicial_order", _("Judicial order or legal obligation")
    TREATY = "treaty", _("Mutual legal assistance treaty")


def choice_labels(choices: type[models.TextChoices], values: list[str]) -> str:
    """The labels of a list of codes, joined, in the active language; a code the vocabulary
    no longer knows is shown as it is rather than hidden."""
    labels = dict(choices.choices)
    return ", ".join(str(labels.get(value, value)) for value in values)


# --- the protected case ----------------------------------------------------------------------


def new_case_code() -> str:
    """A pseudonymous code: random, never derived from who the person is."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "PC-" + "".join(secrets.choice(alphabet) for _i in range(8))


class ProtectedCase(models.Model):
    code = models.CharField(_("case code"), max_length=20, unique=True, default=new_case_code)
    owner_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="protected_cases",
        verbose_name=_("registered by"),
    )
    is_fictitious = models.BooleanField(_("fictitious (demo)"), default=False)
    # Person and victim context (non-identifying).
    age_at_identification = models.PositiveSmallIntegerField(
        _("age at identification"), null=True, blank=True
    )
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    is_minor = models.BooleanField(_("minor at identification"), default=False)
    sex = models.CharField(_("sex"), max_length=30, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citizenship"),
    )
    exploitation = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    control_methods = models.JSONField(_("means of control"), default=list, blank=True)
    recruitment = models.JSONField(_("recruitment"), default=list, blank=True)
    vulnerabilities = models.JSONField(_("vulnerabilities"), default=list, blank=True)
    assistance = models.JSONField(_("assistance given"), default=list, blank=True)
    identified_on = models.DateField(_("identified on"), null=True, blank=True)
    # Consent (HTCDS 2.0 con_Consent) and the basis to share between parties.
    processing_consent = models.BooleanField(_("consent to the processing of data"), default=False)
    sharing_consent = models.BooleanField(_("consent to the sharing of data"), default=False)
    legal_basis = models.CharField(
        _("legal basis for sharing"),
        max_length=30,
        choices=LegalBasis.choices,
        default=LegalBasis.NONE,
        blank=True,
    )
    legal_basis_note = models.CharField(
        _("legal basis: reference"),
        max_length=300,
        blank=True,
        help_text=_("The law, treaty or order relied on (no personal data)."),
    )
    status = models.CharField(
        _("case status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    identity_purged_on = models.DateField(_("identifying data erased on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("protected case")
        verbose_name_plural = _("protected cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(status__in=["Closed", "ClosedReferred"]),
                name="case_closed_on_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def may_share_identity(self) -> bool:
        return self.sharing_consent or bool(self.legal_basis)

    # The HTCDS lists as words in the reader's language (the exports keep the codes).
    def get_exploitation_display(self) -> str:
        return choice_labels(Exploitation, self.exploitation)

    def get_control_methods_display(self) -> str:
        return choice_labels(ControlMethod, self.control_methods)

    def get_recruitment_display(self) -> str:
        return choice_labels(Recruitment, self.recruitment)

    def get_vulnerabilities_display(self) -> str:
        return choice_labels(Vulnerability, self.vulnerabilities)

    def get_assistance_display(self) -> str:
        return choice_labels(Assistance, self.assistance)


class TraffickingEvent(models.Model):
    """HTCDS historic trafficking events: where and when, by stage (no street addresses)."""

    class Kind(models.TextChoices):
        RECRUITMENT = "Recruitment", _("Recruitment")
        TRANSIT = "Transit", _("Transit")
        EXPLOITATION = "Exploitation", _("Exploitation")

    case = models.ForeignKey(ProtectedCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("stage"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("trafficking event")
        verbose_name_plural = _("trafficking events")

    def __str__(self) -> str:
        return f"{self.kind} {self.country_id}"


class CaseIdentity(models.Model):
    """The identifying data of a case, apart and encrypted: ``payload`` is a Fernet token of the
    JSON of name, date of birth, documents and contacts; the photo file holds a Fernet token too.
    Deleted (and the file with it) by the retention rule, never otherwise."""

    case = models.OneToOneField(ProtectedCase, on_delete=models.CASCADE, related_name="identity")
    payload = models.TextField()
    photo = models.FileField(upload_to="cases/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("identifying data")
        verbose_name_plural = _("identifying data")

    def __str__(self) -> str:
        return f"identity of case {self.case_id}"


class IdentityView(models.Model):
    """Each time identifying data was shown: who, when, which case, why, as which country."""

    case = models.ForeignKey(ProtectedCase, on_delete=models.PROTECT, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        verbose_name = _("identity view")
        verbose_name_plural = _("identity views")

    def __str__(self) -> str:
        return f"view of case {self.case_id}"


# --- requests --------------------------------------------------------------------------------


class CooperationRequest(models.Model):
    type = models.CharField(_("type"), max_length=30, choices=RequestType.choices)
    requesting_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="requests_sent",
        verbose_name=_("requesting country"),
    )
    case = models.ForeignKey(
        ProtectedCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("case"),
    )
    summary = EncryptedTextField(
        _("what is asked"),
        help_text=_("Refer to the person by the case code only: never a name."),
    )
    details = EncryptedJSONField(_("details of the type"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.SENT
    )
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("answer due by"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    last_reminder_on = models.DateField(_("last reminder"), null=True, blank=True)
    is_fictitious = models.BooleanField(_("fictitious (demo)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        indexes = [models.Index(fields=["state", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="request_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("sent_on")), name="request_due_after_sent"
            ),
        ]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk}"

    @property
    def requested_names(self) -> str:
        """The requested countries, joined (uses the prefetched parties)."""
        return ", ".join(
            party.country.name
            for party in self.parties.all()
            if party.role == RequestParty.Role.REQUESTED
        )

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        day = today or datetime.date.today()
        return self.state in OPEN_STATES and self.due_on < day


class RequestParty(models.Model):
    """A country party to a request: the requesting one and each requested one."""

    class Role(models.TextChoices):
        REQUESTING = "requesting", _("Requesting")
        REQUESTED = "requested", _("Requested")

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="parties"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="request_parties")
    role = models.CharField(max_length=12, choices=Role.choices)

    class Meta:
        ordering = ["role", "country__name_es"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "country"],
                name="party_once_per_request",
                violation_error_message=_("This country is already a party to the request."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id}:{self.country_id}:{self.role}"


class ChildStep(models.Model):
    """The child-specific steps of repatriating a minor (CRM regional guidelines)."""

    class Kind(models.TextChoices):
        BEST_INTEREST = "best_interest", _("Best-interest assessment")
        FAMILY_TRACING = "family_tracing", _("Family tracing")
        RECEIVING_INSTITUTION = "receiving_institution", _("Receiving institution")
        ESCORT = "escort", _("Escort during the return")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="child_steps"
    )
    kind = models.CharField(_("step"), max_length=30, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind"],
                name="child_step_once",
                violation_error_message=_("This step is already part of the request."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id}:{self.kind}"


class StateChange(models.Model):
    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="state_changes"
    )
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    reason = EncryptedTextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}:{self.from_state}->{self.to_state}"

    @property
    def from_state_label(self) -> str:
        return str(RequestState(self.from_state).label) if self.from_state else ""

    @property
    def to_state_label(self) -> str:
        return str(RequestState(self.to_state).label)


class RequestMessage(models.Model):
    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"message {self.pk} of {self.request_id}"


class RequestAttachment(models.Model):
    """A file inside a request, stored encrypted (Fernet token) with its encrypted name."""

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    name_token = models.TextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to="cooperation/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"attachment {self.pk} of {self.request_id}"
