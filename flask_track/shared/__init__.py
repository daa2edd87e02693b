"""The shared domain layer: what several concepts truly share, below concepts, above core.

Imports flow concepts -> shared -> core, never back (import-linter's layers contract in
pyproject.toml). A concept's own lesson code stays in its package; what lives here is used by
more than one concept: the users and their auth primitives (p21-p30), the notes store of
p12-p16, the books model of p17/p18, and the service handles (Redis, ...) every later level
builds on.
"""
