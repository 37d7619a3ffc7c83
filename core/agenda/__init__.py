"""The deadline calendar: every coming date an afnemer must act on or know about."""
