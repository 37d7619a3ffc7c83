"""wijzigingsverzoeken: an afnemer asks Logius to change a dienst (a Request for Change,
RfC), and Logius assesses it and plans an accepted one into a maintenance window.

Not to be confused with :mod:`core.wijzigingsmeldingen`, where an afnemer tells Logius of
a change to *its own* service (AV 2.8)."""
