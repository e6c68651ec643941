"""The Django admin, for the system administrator only; the secretariat works in /manage/.

Who holds which post is a grant: people, posts and memberships, and the countries and
presidencies that decide what a post may do, are written only through /manage/ and its
audited services. The admin shows them and writes none of them.
"""

from django.contrib import admin

from enlace.audit.admin import AuditedModelAdmin
from enlace.core.admin import ReadOnlyModelAdmin
from enlace.network.models import Body, Country, Membership, Organisation, Person, Post, Presidency

for model in (Country, Membership, Organisation, Person, Post, Presidency):
    admin.site.register(model, ReadOnlyModelAdmin)

# Bodies are not edited in /manage/; the admin may write them, and each write is audited.
admin.site.register(Body, AuditedModelAdmin)
