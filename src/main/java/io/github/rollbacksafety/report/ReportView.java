package io.github.rollbacksafety.report;

/** One file format of the report: renders the whole report as text. */
public interface ReportView {

    String render(ReportData data);
}
