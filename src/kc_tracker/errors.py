"""Our own exceptions. Domain code raises them; `cli.main` turns them into a message and an exit code.

Every kind exits 1 ("refused, or invalid input or data"); exit 2 stays Click's, for usage errors.
The message is already in the active language when the exception is raised.
"""


class KcError(Exception):
    exit_code = 1
    label_key = "label.error"


class PlanError(KcError):
    """The plan file is missing, unreadable or invalid."""

    label_key = "label.plan"


class LedgerError(KcError):
    """The ledger cannot be read or written, or is malformed."""

    label_key = "label.ledger"


class InputError(KcError):
    """A value given on the command line (or in the environment) is refused."""

    label_key = "label.input"
