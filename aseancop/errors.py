"""Errors that a person can act on: every problem names the file, the row, the column and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    file: str
    row: int | None  # 1-based line number in the file (header = line 1); None if not row-specific
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", line {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised when data files are missing, unreadable or fail validation."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__(self.summary())

    def summary(self, limit: int = 20) -> str:
        lines = [str(i) for i in self.issues[:limit]]
        more = len(self.issues) - limit
        if more > 0:
            lines.append(f"... and {more} more problem(s)")
        return "\n".join(lines)
