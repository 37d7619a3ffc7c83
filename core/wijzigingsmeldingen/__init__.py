"""wijzigingsmeldingen: an afnemer reports a change of its own service to Logius (AV 2.8)."""
