-- 047: standard reports are also generated as PDF (docs/printing.md): the report log that the burden
-- meter counts accepts the format 'pdf' beside xlsx, csv, print and json.
alter table report_log drop constraint report_log_format_check;
alter table report_log
  add constraint report_log_format_check check (format in ('xlsx', 'csv', 'print', 'json', 'pdf'));
