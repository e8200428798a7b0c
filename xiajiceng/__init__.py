"""xjc (下基层): a command-line ledger for the work plans (实施方案) of Chinese offices."""

__version__ = "0.1.0"
