"""The names of the documents the product writes (importable without docx or openpyxl)."""

WORD_KINDS = {"notice": "印发通知", "bulletin": "月度通报", "summary": "总结报告",
              "casebook": "典型案例汇编", "reminder": "催报通知"}

# Documents that go up to the superior (上行文): they carry 签发人 beside the 文号.
UPWARD_KINDS = ("summary",)

# What ranks the units: a note before it says when unreviewed duplicates remain.
RANKING_KINDS = ("bulletin", "summary", "scores")

# Workbooks (.xlsx); `templates` writes one 报送模板 per unit into a folder.
EXCEL_KINDS = {"breakdown": "任务分解表", "progress": "进展统计表", "cases": "典型案例报送表",
               "lists": "红黑名单统计表", "scores": "考核打分表", "templates": "报送模板"}
