"""A small dienst for the tests of the hooks a plugin brings its own parts through:
one afnemer route with a table of its own, one dienst route, an event, a setting, a
deadline and a reminder. It imports from core only the SDK, as a real plugin does."""
