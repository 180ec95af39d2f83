"""Conversational state machines (`transitions`): pure, no I/O."""
