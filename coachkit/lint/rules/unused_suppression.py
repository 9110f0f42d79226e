"""A `# coachkit: ignore[rule]` comment suppresses nothing.

Suppressions are meant to be seen and kept honest: once the problem they hid is
fixed, or when the rule name is misspelt, the comment only misleads. Remove it,
or correct the rule name (`coachkit lint --list-rules`).
"""

from __future__ import annotations

CODE = "CK901"
NAME = "unused-suppression"
SEVERITY = "info"
