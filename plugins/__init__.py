"""Built-in dienst plugins."""
