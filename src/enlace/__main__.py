"""The ``enlace`` command: Django's management utility with the platform's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enlace.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] == "import-report":  # the documented spelling of import_report
        argv[1] = "import_report"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
