"""The documentation site built from the contract: reference, conformance catalogue, decisions."""
