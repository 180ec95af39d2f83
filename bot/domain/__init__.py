"""Pure rules of the mediation service: no I/O, no Telegram, no SQL."""
