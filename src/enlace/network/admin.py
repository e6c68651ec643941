"""The Django admin, for the system administrator only; the secretariat works in /manage/."""

from django.contrib import admin

from enlace.network.models import Body, Country, Membership, Organisation, Person, Post, Presidency

for model in (Body, Country, Membership, Organisation, Person, Post, Presidency):
    admin.site.register(model)
