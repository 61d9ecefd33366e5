#!/usr/bin/env Rscript
# The R baseline of bench/XlsxIngestBench.java: reads the same .xlsx with readxl::read_xlsx and
# openxlsx::read.xlsx (first sheet, header row), and the same CSV with data.table::fread.
# Needs Debian's r-cran-readxl, r-cran-openxlsx and r-cran-data.table.
# Usage: Rscript bench/xlsx_r.R bench/out/xlsx-ingest-100000.xlsx bench/out/xlsx-ingest-100000.csv [REPS]
# Prints the median seconds of REPS runs after one warm-up, and a check value (rows, sum of
# os_months) to compare with the Java side.
for (p in c("readxl", "openxlsx", "data.table")) {
  if (!requireNamespace(p, quietly = TRUE)) stop("R package ", p, " missing: apt-get install -y r-cran-", tolower(p))
}
a <- commandArgs(TRUE)
if (length(a) < 2) stop("usage: Rscript bench/xlsx_r.R FILE.xlsx FILE.csv [REPS]")
reps <- if (length(a) >= 3) as.integer(a[3]) else 5L
time_it <- function(label, f) {
  gc(); v <- f()
  el <- vapply(seq_len(reps), function(i) { gc(); system.time(f())[["elapsed"]] }, 0)
  cat(sprintf("%-20s %8.3f s  (runs %s); rows %d, sum(os_months) %.6f\n", label, median(el),
              paste(sprintf("%.3f", el), collapse = "/"), nrow(v), sum(v$os_months)))
  v
}
invisible(time_it("readxl::read_xlsx", function() readxl::read_xlsx(a[1], sheet = 1)))
invisible(time_it("openxlsx::read.xlsx", function() openxlsx::read.xlsx(a[1], sheet = 1)))
invisible(time_it("data.table::fread", function() data.table::fread(a[2])))
