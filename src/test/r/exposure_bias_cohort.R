#!/usr/bin/env Rscript
# A synthetic cohort for the immortal-time check (issue 19): 120 patients, OS and PFS on a
# 0.1-month grid (ties), arm, age, and two exposures that change no hazard:
#   antibiotics_start_days: half the patients, started at a uniform time during OS follow-up
#     (so the naive "ever exposed" HR is biased well below 1: the flag is true);
#   steroids_start_months: mostly before or at treatment start (little immortal time: the flag
#     is false).
# The first rows are edge cases of both exposures: a start before 0, at 0, inside, at the
# patient's own OS and PFS event times, at another patient's event time, between PFS and OS
# (exposed for OS, not PFS), after the end of follow-up (the reader ignores it with a warning),
# and never. Antibiotic days at an event time are months * 30.4375 (exact in binary).
# R 4.2.2 (Debian bookworm). From the repository root:
#   Rscript src/test/r/exposure_bias_cohort.R src/test/resources/cohorts/exposure-bias.csv
a <- commandArgs(TRUE)
set.seed(19021219)
n <- 120
arm <- sample(c("A", "B"), n, replace = TRUE)
age <- round(rnorm(n, 64, 10))
os <- pmax(0.1, round(rexp(n, 0.06 * ifelse(arm == "B", 0.8, 1)), 1))
cens <- round(runif(n, 6, 60), 1)
os_event <- as.integer(os <= cens)
os <- pmin(os, cens)
pfs <- pmax(0.1, round(os * runif(n, 0.3, 1), 1))
pfs_event <- ifelse(pfs < os, 1L, os_event)
abx <- ifelse(runif(n) < 0.5, round(runif(n, 0, os * 30.4375)), NA)
ster <- ifelse(runif(n) < 0.35, round(runif(n, -3, 0), 1),
               ifelse(runif(n) < 0.1, round(runif(n, 0, os), 1), NA))
# edge rows (OS, OS event, PFS, PFS event, antibiotic days, steroid months)
edge <- rbind(
  c(10.0, 1, 4.0, 1, -10, -1.5),                 # before treatment start
  c(12.0, 0, 12.0, 0, 0, 0),                     # at 0
  c(8.0, 1, 3.0, 1, 5 * 30.4375, 5.0),           # inside: exposed for OS, not PFS (start > 3)
  c(6.0, 1, 6.0, 1, 6 * 30.4375, 6.0),           # at the patient's own event time (both)
  c(9.0, 1, 2.5, 1, 2.5 * 30.4375, 2.5),         # at its own PFS event time, inside OS
  c(7.5, 0, 5.0, 1, 4 * 30.4375, 4.0),           # at other patients' event time 4 (E009 OS, E001 PFS)
  c(5.0, 1, 5.0, 1, 400, 30.0),                  # after the end of follow-up: ignored
  c(20.0, 0, 11.0, 1, NA, NA),                   # never
  c(4.0, 1, 4.0, 1, 1 * 30.4375, 1.0),           # early, before an event at 4
  c(3.0, 1, 1.0, 1, 3 * 30.4375, 3.0))           # at its own OS event time, after PFS
k <- nrow(edge)
os[1:k] <- edge[, 1]; os_event[1:k] <- edge[, 2]
pfs[1:k] <- edge[, 3]; pfs_event[1:k] <- edge[, 4]
abx[1:k] <- edge[, 5]; ster[1:k] <- edge[, 6]
d <- data.frame(patient_id = sprintf("E%03d", seq_len(n)), arm = arm, age = age,
                pfs_months = pfs, pfs_event = pfs_event, os_months = os, os_event = os_event,
                antibiotics_start_days = abx, steroids_start_months = ster)
write.csv(d, a[1], row.names = FALSE, quote = FALSE, na = "")
