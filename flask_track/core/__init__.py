"""core: the HTTP conventions every route follows, and the app's wiring; nothing above it."""
