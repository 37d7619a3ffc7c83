"""The generally recognised public holidays per year (Algemene termijnenwet art. 3): the
working days of core.werktijd are Monday to Friday minus these."""
