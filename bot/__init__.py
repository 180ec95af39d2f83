"""Mediation assistant bot: grassroots dispute mediation by chat."""

__version__ = "0.1.0"
