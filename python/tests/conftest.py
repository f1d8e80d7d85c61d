"""Shared fixtures: the CLI built beside the module (its output is the C++ reference) and the
source tree's sample files."""
import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("ZONEPERF_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("ZONEPERF_CLI")


def run_cli(*args: str) -> str:
    if not CLI:  # a comparison that cannot run is a failure, not a skip
        pytest.fail("ZONEPERF_CLI is not set: run the Python tests through ctest, which sets it")
    done = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout


def cli_json(*args: str):
    return json.loads(run_cli(*args, "--format", "json"))


@pytest.fixture
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture
def samples() -> pathlib.Path:
    return SOURCE_DIR / "samples"
