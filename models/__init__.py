"""Domain models of the ledger: records, field metadata, validation and the `Ledger`.

Qt table models are called `*TableModel` and live in `ui/`; nothing here imports Qt, `ui`,
`exporters`, docx or openpyxl.
"""
