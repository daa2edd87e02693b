"""`python -m contracts.compare --a A --b B`: two implementations side by side, in one run.

Conformance (the contract suite against each, merged case by case) and speed (a fixed set of
routes under wrk, interleaved A B over rounds). Needs only contracts/requirements.txt and
Debian's `wrk`; see contracts/README.md ("Comparing two implementations").
"""
