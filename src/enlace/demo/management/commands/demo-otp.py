# ruff: noqa: N999 (the command is named as the operators type it: enlace demo-otp)
"""``enlace demo-otp USERNAME``: the current sign-in code of a demo account."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from enlace.accounts.models import User
from enlace.accounts.second_factor import current_totp_code
from enlace.demo import data


class Command(BaseCommand):
    help = "Prints the current authenticator-app code of an account the demo created."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        # Only the demo's own accounts: a real account's code is for its owner's device alone.
        if username not in data.demo_usernames():
            raise CommandError(f"{username!r} is not an account of the demo.")
        user = User.objects.filter(username=username).first()
        code = current_totp_code(user) if user is not None else None
        if code is None:
            raise CommandError(f"The demo account {username!r} is not loaded: run `enlace demo`.")
        self.stdout.write(code)
