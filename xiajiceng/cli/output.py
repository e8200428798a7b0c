"""Where a command's output goes: a table on a terminal (through the pager when it is taller
than the screen), tab-separated rows into a pipe or a file, JSON when asked, plain lines.

Views render; this decides which rendering and writes it to the command's streams. rich is
imported only for a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from xiajiceng.env import Env

if TYPE_CHECKING:
    from rich.console import Console


class Output:
    """The output of one command, over the streams of its environment."""

    def __init__(self, env: Env) -> None:
        self.env = env

    def console(self, err: bool = False) -> Console:
        from xiajiceng.views.console import make_console

        return make_console(self.env.stderr if err else self.env.stdout, self.env.environ)

    def emit(
        self,
        as_json: bool,
        to_json: Callable[[], str],
        to_terminal: Callable[[Console], None],
        to_tsv: Callable[[], str] | None = None,
    ) -> None:
        """JSON if asked; rows into a pipe or a file (when the view has them); else a table.
        Control characters recorded in a journal or plan come out escaped in every one."""
        if as_json:
            from xiajiceng.text import json_safe

            self.env.stdout.write(json_safe(to_json()))
        elif to_tsv is not None and not self.env.stdout_is_terminal():
            self.say(to_tsv())
        else:
            self.draw(to_terminal)

    def draw(self, to_terminal: Callable[[Console], None]) -> None:
        """A table or report on the terminal; through the pager when taller than the screen."""
        console = self.console()
        pager = self.env.pager()
        if pager is None:
            to_terminal(console)
            return
        with console.capture() as captured:
            to_terminal(console)
        text = captured.get()
        if text.count("\n") < console.size.height:
            self.env.stdout.write(text)
        else:
            self.env.page(pager, text)

    def say(self, text: str, err: bool = False) -> None:
        """Plain text (no table, no colour) to stdout or stderr, control characters escaped."""
        from xiajiceng.text import neutralise

        (self.env.stderr if err else self.env.stdout).write(neutralise(text))
