"""Pure builders of .docx and .xlsx documents from plain data (no database handle).

May import the standard library, `models` records, docx and openpyxl; never Qt or `ui`.
"""
