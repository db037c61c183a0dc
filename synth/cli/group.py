"""The `synth` group: global options before or after the command, and a hint that says where
an option goes when it is given to a command that does not take it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

# Options of `synth` itself, accepted anywhere on the line: `synth ingest x --workspace ws`.
GLOBAL_WITH_VALUE = ("--workspace",)
GLOBAL_FLAGS = ("--quiet", "-q")


def hoist_global_options(args: list[str]) -> list[str]:
    """`args` with the global options moved in front of the command, in their order; what
    follows `--` is left alone."""
    front: list[str] = []
    rest: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--":
            rest += args[position:]
            break
        if arg in GLOBAL_WITH_VALUE and position + 1 < len(args):
            front += args[position:position + 2]
            position += 2
            continue
        if arg in GLOBAL_FLAGS or arg.startswith(tuple(f"{o}=" for o in GLOBAL_WITH_VALUE)):
            front.append(arg)
        else:
            rest.append(arg)
        position += 1
    return front + rest


def _commands(group: click.Group, context: click.Context,
              prefix: str = "synth") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():   # in the order they were added
        if command.hidden:
            continue
        if isinstance(command, click.Group):
            yield from _commands(command, context, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def where_it_goes(root: click.Group, context: click.Context, option: str) -> str:
    """Which commands take `option`, said as the fix: " --out goes after a command that takes
    it (`synth run`, `synth themes`, ...), e.g. `synth run --out ...`."; "" when none does."""
    name = option.split("=", 1)[0]
    owners = [path for path, command in _commands(root, context)
              if any(name in parameter.opts or name in parameter.secondary_opts
                     for parameter in command.params if isinstance(parameter, click.Option))]
    if not owners:
        return ""
    shown = ", ".join(f"`{owner}`" for owner in owners)
    return f" {name} goes after a command that takes it ({shown}), e.g. `{owners[0]} {name} ...`."


class SynthGroup(click.Group):
    """The top-level group."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, hoist_global_options(args))
        except click.NoSuchOption as error:
            raise self._placed(ctx, error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as error:
            raise self._placed(ctx, error) from None

    def _placed(self, ctx: click.Context, error: click.NoSuchOption) -> click.NoSuchOption:
        """`error` with where the option goes, when some command takes it."""
        hint = where_it_goes(self, ctx, error.option_name)
        if not hint:
            return error
        placed = click.NoSuchOption(error.option_name, error.message.rstrip(".") + "." + hint,
                                    ctx=error.ctx)
        return placed
