from django.apps import AppConfig


class CountryreportsConfig(AppConfig):
    name = "enlace.countryreports"
    label = "countryreports"
