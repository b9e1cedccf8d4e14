"""Behaviour probes: each module sends what its checks need and declares the checks it judges
(beside the code, with ``conformance.checks.declare``: that module gives the rules of a
declaration). ``conformance.catalogue`` imports every module here to gather them."""
