"""The desktop window: pages, dialogs, forms, `*TableModel`s and background workers."""
