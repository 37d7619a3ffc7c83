"""aankondigingen: Logius announces changes, maintenance and incidents to afnemers."""
