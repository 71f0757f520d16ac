"""Field metadata: the one declaration of each record field's Chinese label, type and rules.

Forms, table headers, export headings and validation all read these declarations, so a label
or a rule is written once. No Qt, no SQL here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field kinds. A kind decides how a value is validated and how a form edits it.
TEXT = "text"  # one line
LONGTEXT = "longtext"  # several lines (工作进展, 典型做法)
DATE = "date"  # ISO date string YYYY-MM-DD
INT = "int"
FLOAT = "float"
BOOL = "bool"
CHOICE = "choice"  # one of `choices`
SUBJECT_CODE = "subject_code"  # 统一社会信用代码 or 居民身份证号码
PHONE = "phone"
EMAIL = "email"
PERIOD = "period"  # report month YYYY-MM
REF = "ref"  # id of another record
NUMBERS = "numbers"  # named numbers reported for a task: {"排查数": 12}
LIST = "list"  # list of strings kept in a table of its own (a unit's aliases)
STRINGS = "strings"  # list of strings kept as JSON in the record's column


@dataclass(frozen=True)
class Field:
    """One field of a record: its attribute name, Chinese label and rules."""

    name: str
    label: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    sensitive: bool = False  # personal data: masked on screen, in exports and in the audit log


def field_map(fields: tuple[Field, ...]) -> dict[str, Field]:
    """Index a record's fields by attribute name."""
    return {f.name: f for f in fields}


def labels(fields: tuple[Field, ...]) -> list[str]:
    """The Chinese labels in declaration order, e.g. for a table header."""
    return [f.label for f in fields]
