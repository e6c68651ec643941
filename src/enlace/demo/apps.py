from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: invented (marked) data around the real Tela 2008 report, `enlace demo` and
    `enlace demo-otp`. It sits at the top of the house: it uses every app, none uses it."""

    name = "enlace.demo"
    label = "demo"
