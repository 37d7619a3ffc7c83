"""afnemers."""
