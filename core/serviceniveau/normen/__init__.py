"""The monthly norms of a dienst's service level: incidents resolved within their
deadline and questions answered within their term, against the dienst's norms; and the
service level itself as the API shows it."""
