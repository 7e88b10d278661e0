package io.github.lllqos.cli;

/** What a {@link Report} entry holds: a {@link Report.Value}, a nested {@link Report}, or a {@link Report.Table}. */
sealed interface ReportNode permits Report, Report.Table, Report.Value {
}
