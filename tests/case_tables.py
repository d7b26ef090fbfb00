"""Parametrised cases in named groups, so that a failing case names the rule it checks."""
import pytest


def named_cases(group: str, rows: list[tuple]) -> list:
    """`rows` as pytest cases with the ids `group-1`, `group-2`, …"""
    return [pytest.param(*row, id=f"{group}-{number}") for number, row in enumerate(rows, 1)]
