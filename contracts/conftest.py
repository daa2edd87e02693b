"""The contract suite's entry point: everything lives in the harness plugin."""

pytest_plugins = ["contracts.harness.plugin"]
