"""State a channel keeps beyond one request, behind small interfaces: the durable inbox (and, as channels are
added, dedup, limits and conversation memory). SQLite in the data folder is the default backend."""
