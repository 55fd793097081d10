"""kc-tracker: track the Lào Cai khuyến công plan 2021–2025 from the command line."""

__version__ = "0.2.0"
