"""Enlace: the working platform of the CRM Liaison Officer Network."""
