"""toapis-conformance: check any implementation of the ToAPIs image API against its contract.

Two layers read the same contract: Schemathesis drives every operation from the schemas (schema
layer), and Hypothesis probes what no schema can say, such as the task life cycle (behaviour
layer). ``conformance.catalogue.CATALOGUE`` names every check; ``conformance.runner.run_suite`` runs
them against one server; ``toapis-conformance`` is the command line.
"""
