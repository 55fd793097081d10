"""Our own exceptions. Domain code raises them; the CLI's one boundary turns each into a message and an exit code.

Every kind but `UsageProblem` exits 1 ("refused, or invalid input or data"). Exit 2 is for the command
line itself (a mistyped command or option), as Click does it. The message is already in the active
language when the exception is raised.
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
    """A value given on the command line, in a file or in the environment is refused."""

    label_key = "label.input"


class UsageProblem(KcError):
    """The command line itself is wrong: an unknown command or option, a missing or mistyped value."""

    exit_code = 2
    label_key = "label.usage"
