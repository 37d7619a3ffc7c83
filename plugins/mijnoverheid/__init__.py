"""MijnOverheid: Berichtenbox, Persoonlijke Gegevens and Lopende Zaken (MO 2.9)."""
