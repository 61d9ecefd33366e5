#!/usr/bin/env Rscript
# R's maxstat on small and degenerate shapes: where it answers (two patients, one event, events in
# one group, two distinct values ...) the numbers; where it gives no cut-point (no events, every
# score equal: NA estimate, NaN statistic) or stops (one patient, one distinct value, values too
# concentrated for the 10 %-90 % range), what it did. OncoSurv matches the numbers and refuses the
# rest with the reason (docs/statistics.md).
# R 4.2.2, maxstat 0.7-25, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm:
# apt-get install r-cran-maxstat r-cran-survival r-cran-jsonlite). From the repository root:
#   Rscript src/test/r/maxstat_degenerate.R src/test/resources/r/maxstat_degenerate.json
suppressPackageStartupMessages({ library(maxstat); library(survival); library(jsonlite) })
out <- commandArgs(TRUE)[1]

shape <- function(name, time, event, x) list(name = name, time = time, event = event, x = x)
shapes <- list(
  shape("all_censored", 1:10, rep(0, 10), 1:10),
  shape("no_events_tied_times", rep(4, 6), rep(0, 6), c(1, 2, 3, 4, 5, 6)),
  shape("two_patients_both_die", c(1, 2), c(1, 1), c(1, 2)),
  shape("two_patients_first_dies", c(1, 2), c(1, 0), c(1, 2)),
  shape("two_patients_last_dies", c(1, 2), c(0, 1), c(1, 2)),
  shape("two_patients_censored", c(1, 2), c(0, 0), c(1, 2)),
  shape("two_patients_same_value", c(1, 2), c(1, 1), c(3, 3)),
  shape("one_patient", 5, 1, 7),
  shape("three_patients", c(1, 2, 3), c(1, 1, 1), c(1, 2, 3)),
  shape("all_values_equal", 1:10, c(1, 0, 1, 0, 1, 1, 1, 0, 1, 1), rep(5, 10)),
  shape("all_die_at_once", rep(3, 10), rep(1, 10), 1:10),
  shape("one_event", 1:10, c(0, 0, 0, 0, 1, 0, 0, 0, 0, 0), 1:10),
  shape("only_the_last_dies", 1:10, c(rep(0, 9), 1), 1:10),
  shape("events_in_one_group", 1:10, c(1, 1, 1, 1, 1, 0, 0, 0, 0, 0), 1:10),
  shape("two_distinct_values", 1:10, c(1, 0, 1, 0, 1, 1, 1, 0, 1, 1), c(rep(1, 5), rep(2, 5))),
  shape("one_value_apart", 1:10, c(1, 0, 1, 0, 1, 1, 1, 0, 1, 1), c(rep(1, 9), 2)),
  shape("values_too_concentrated", 1:20, rep(c(1, 0), 10), c(rep(1, 19), 2)),
  shape("tied_times_and_values", c(2, 2, 2, 5, 5, 7, 7, 7, 9, 9, 12, 12),
        c(1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0), c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8)),
  shape("no_patients", numeric(0), numeric(0), numeric(0)))

answer <- function(s) {
  d <- data.frame(time = s$time, event = s$event, x = s$x)
  warnings <- character(0)
  res <- withCallingHandlers(tryCatch({
    m <- maxstat.test(Surv(time, event) ~ x, data = d, smethod = "LogRank",
                      pmethod = "Lau94", minprop = 0.1, maxprop = 0.9)
    est <- unname(m$estimate)
    if (is.na(est)) list(r = "no cut-point", statistic = unname(m$statistic))
    else list(r = "answer", cutpoint = est, statistic = unname(m$statistic),
              p = unname(m$p.value), candidates = length(m$stats))
  }, error = function(e) list(r = "error", error = conditionMessage(e))),
  warning = function(w) { warnings <<- c(warnings, conditionMessage(w))
                          invokeRestart("muffleWarning") })
  c(list(name = s$name, time = s$time, event = s$event, x = s$x,
         r_call = paste0("maxstat.test(Surv(time, event) ~ x, smethod = \"LogRank\", ",
                         "pmethod = \"Lau94\", minprop = 0.1, maxprop = 0.9)"),
         warnings = I(warnings)), res)
}

res <- list(software = paste("R", getRversion(), "maxstat", packageVersion("maxstat"),
                             "survival", packageVersion("survival")),
            shapes = lapply(shapes, answer))
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
