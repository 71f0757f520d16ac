"""Readers of plans and returned templates into plain records; they never write the ledger.

May import the standard library, `models` records, docx and openpyxl; never Qt, `ui` or the
`Ledger`.
"""
