"""aansluitingen."""
