"""Docs are tested: every command and option has help text, and ``--help`` exits 0."""

from __future__ import annotations

import click
import pytest

from communique.cli import cli as cli_group

COMMANDS = sorted(cli_group.commands)


def test_all_expected_commands_exist() -> None:
    assert {"extract", "ingest", "events", "export", "explain", "rejections"} <= set(COMMANDS)


def test_group_help(cli) -> None:
    out = cli.ok("--help").stdout
    assert "Usage:" in out
    for name in COMMANDS:
        assert name in out
    assert cli.ok("-h").stdout == out


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help(cli, name: str) -> None:
    command = cli_group.commands[name]
    out = cli.ok(name, "--help").stdout
    assert f"Usage: cli {name}" in out or f"{name} [OPTIONS]" in out
    assert command.help and command.help.split("\n")[0].strip()[:30] in cli.squash(out)
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.opts[-1] in out


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help_text(name: str) -> None:
    command = cli_group.commands[name]
    missing = [p.opts for p in command.params if isinstance(p, click.Option) and not p.help]
    assert missing == [], f"{name}: options without help text: {missing}"


def test_version(cli) -> None:
    out = cli.ok("--version").stdout
    assert "version" in out
