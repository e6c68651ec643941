"""``enlace demo``: create the database, load the demo, print the accounts, serve the platform."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from enlace.accounts.models import User
from enlace.accounts.second_factor import totp_secret
from enlace.demo import data
from enlace.demo.load import load_demo


class Command(BaseCommand):
    help = "Creates the database, loads the demo data and serves the platform on 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (8000)")
        parser.add_argument(
            "--no-serve", action="store_true", help="load the demo and stop, without serving"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        accounts = load_demo()
        out = self.stdout
        out.write(
            self.style.SUCCESS(f"Demo data loaded into {settings.DATABASES['default']['NAME']}")
        )
        out.write("Demo accounts (username / password / authenticator-app secret):")
        rows = [(a.username, a.password, a.role) for a in accounts]
        admin_name, admin_password = data.ADMIN_ACCOUNT
        rows.append((admin_name, admin_password, "system administrator (/system-admin/)"))
        users = {u.username: u for u in User.objects.filter(username__in=data.demo_usernames())}
        for username, password, role in rows:
            secret = totp_secret(users[username]) if username in users else None
            out.write(f"  {username:<12} {password:<18} {secret or '-':<34} {role}")
        out.write(
            "Sign in with the password, then the 6-digit code: add the secret to an authenticator"
            " app, or run `uv run enlace demo-otp USERNAME` for the current code."
        )
        out.write("Passwords are those set on the first run; a changed password stays changed.")
        if options["no_serve"]:
            return
        port = options["port"]
        out.write(self.style.SUCCESS(f"Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)"))
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
