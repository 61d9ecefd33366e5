#!/usr/bin/env Rscript
# R's side of bench/BaselineBench.java (issue 20): the same Table 1 by hand with data.table on
# the file the bench writes (bench/out/baseline-N-SEED.csv), by arm. Per column, Overall and per
# arm: numbers n, missing, quartiles (quantile type 7), mean, sd, and kruskal.test; categories
# (text, or at most 5 distinct numbers) the count of each level and missing, and
# chisq.test(correct = FALSE), or fisher.test when an expected count is under 5, on the table
# without empty rows and columns. fisher.test runs in a forked child: on some large tables R
# 4.2.2's FEXACT dies of SIGFPE (e.g. matrix(c(33000, 33000, 33000, 2, 1, 0), 2, byrow = TRUE))
# and others stop with "FEXACT error 40. Out of workspace."; either is reported, not fatal.
# Needs r-cran-data.table.
# Usage: Rscript bench/baseline_r.R bench/out/baseline-100000-42.csv [REPS]
# Prints the median seconds of REPS runs after one warm-up, then one "check" line per row in the
# layout BaselineBench prints (statistic and p to 10 digits; numbers: Overall median, mean, sd).
suppressPackageStartupMessages({ library(data.table); library(parallel) })
a <- commandArgs(TRUE)
if (length(a) < 1) stop("usage: Rscript baseline_r.R COHORT.csv [REPS]")
reps <- if (length(a) >= 2) as.integer(a[2]) else 3L
d <- fread(a[1], na.strings = c("", "NA", "."))
by <- "arm"
columns <- setdiff(names(d), c("patient_id", "os_months", "os_event", by))

summ <- function(v) {
  y <- v[!is.na(v)]
  q <- if (length(y)) quantile(y, c(0.25, 0.5, 0.75), type = 7, names = FALSE) else rep(NA, 3)
  list(n = length(v), missing = length(v) - length(y), q1 = q[1], median = q[2], q3 = q[3],
       mean = if (length(y)) mean(y) else NA, sd = if (length(y) > 1) sd(y) else NA)
}

safe_fisher <- function(t) {
  job <- mcparallel(tryCatch(fisher.test(t)$p.value, error = function(e) conditionMessage(e)))
  r <- mccollect(job)[[1]]
  if (is.null(r)) "fisher.test crashed (signal)" else r
}

table1 <- function(d) {
  g <- d[[by]]
  numeric <- columns[vapply(columns, function(c) is.numeric(d[[c]]) &&
                              uniqueN(d[[c]], na.rm = TRUE) > 5, TRUE)]
  # numbers: every numeric column per arm in one grouping, and Overall
  per_arm <- d[, unlist(lapply(.SD, summ), recursive = FALSE), by = by, .SDcols = numeric]
  overall <- lapply(d[, ..numeric], summ)
  rows <- lapply(columns, function(column) {
    x <- d[[column]]
    ok <- !is.na(x) & !is.na(g)
    if (column %in% numeric) {
      k <- kruskal.test(x[ok], factor(g[ok]))
      return(list(column = column, test = "kruskal-wallis", statistic = unname(k$statistic),
                  p = k$p.value, overall = overall[[column]]))
    }
    counts <- d[, .N, by = c(column, by)]          # level x arm, missing level included
    t <- table(x[ok], g[ok])
    t <- t[rowSums(t) > 0, colSums(t) > 0, drop = FALSE]
    if (nrow(t) < 2 || ncol(t) < 2) return(list(column = column, test = "none", statistic = NA,
                                                p = NA, counts = counts))
    cs <- suppressWarnings(chisq.test(t, correct = FALSE))
    if (any(cs$expected < 5)) {
      f <- safe_fisher(t)
      return(list(column = column, test = "fisher", statistic = NA,
                  p = if (is.numeric(f)) f else NA, reason = if (is.numeric(f)) NULL else f,
                  counts = counts))
    }
    list(column = column, test = "chi-square", statistic = unname(cs$statistic),
         p = cs$p.value, counts = counts)
  })
  list(per_arm = per_arm, rows = rows)
}

el <- numeric(0)
if (reps > 1) { gc(); invisible(table1(d)) }
for (i in seq_len(reps)) { gc(); el[i] <- system.time(res <- table1(d))[["elapsed"]] }
cat(sprintf("R %s, data.table %s: n = %d; baseline by hand (%d rows, by %s): median %.3f s (runs %s)\n",
            getRversion(), packageVersion("data.table"), nrow(d), length(columns), by,
            median(el), paste(sprintf("%.3f", el), collapse = "/")))
for (r in res$rows) {
  numbers <- if (!is.null(r$overall)) sprintf(" median = %#.10g mean = %#.10g sd = %#.10g",
    r$overall$median, r$overall$mean, r$overall$sd) else ""
  cat(sprintf("check %-12s %-14s statistic = %#.10g p = %#.10g%s%s\n", r$column, r$test,
              as.numeric(r$statistic), as.numeric(r$p), numbers,
              if (is.null(r$reason)) "" else paste0(" (", gsub("\n", " ", r$reason), ")")))
}
