"""Transport-neutral handlers: an inbound event in, outbox messages recorded."""
