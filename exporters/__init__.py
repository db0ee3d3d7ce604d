"""Writers that turn stored action items into other formats and systems (CSV, XLSX, iCalendar, JSON,
Jira/GitHub issues, webhooks and e-mail reminders, the compliance report).

Reads store rows only; nothing here imports the API, so the CLI and the API share every writer.
"""
