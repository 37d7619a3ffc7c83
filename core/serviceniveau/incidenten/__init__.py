"""Incidents of a dienst with a service level: reported by an afnemer (or registered by
Logius), prioritised by the dienst's matrix, moved through their status history by
Logius, with a deadline and an elapsed time that are always derived from that history
(:mod:`.klok`)."""
