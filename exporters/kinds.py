"""The names of the documents the product writes (importable without docx or openpyxl)."""

WORD_KINDS = {"notice": "印发通知", "bulletin": "月度通报", "summary": "总结报告",
              "casebook": "典型案例汇编", "reminder": "催报通知"}
