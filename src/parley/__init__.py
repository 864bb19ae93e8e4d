"""parley: a sourced, de-duplicated ledger of who signalled, said or did what to whom."""
__version__ = "0.1.0"
