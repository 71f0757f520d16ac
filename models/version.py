"""The program's version: one number, read by pyproject.toml, 关于, `--version` and the packages."""

VERSION = "0.2.0"
