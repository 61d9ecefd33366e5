#!/usr/bin/env Rscript
# Aalen-Johansen cumulative incidence per cause for one group, as
# survfit(Surv(time, factor(cause, c("censor", causes))) ~ 1) gives it: every distinct time
# (summary(fit, censored = TRUE)) and landmarks (summary(fit, times, extend = TRUE)). std.err is
# survfit's infinitesimal jackknife; limits are conf.type "log" on pstate. Cases: mgus2 as in the
# survival vignette "compete", a synthetic oligoprogression cohort on a 0.1-month grid with ties
# of several causes and censorings, one cause only, all censored, one patient.
# Run from the repository root (R 4.2, survival 3.5.3, jsonlite):
#   Rscript src/test/r/cumulative_incidence_reference.R \
#     src/test/resources/r/cumulative_incidence_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- commandArgs(TRUE)[1]
set.seed(20261218)

# cause: 0 = censored, 1..k = causes; names gives the state labels of 1..k
ci_case <- function(time, cause, names, landmarks, conf_level = 0.95, call = "") {
  status <- factor(c("censor", names)[cause + 1], levels = c("censor", names))
  fit <- survfit(Surv(time, status) ~ 1, conf.int = conf_level)
  s <- summary(fit, censored = TRUE)
  l <- summary(fit, times = landmarks, extend = TRUE)
  # columns by position in fit$states (n.event has no column names)
  cols <- function(m) lapply(names, function(nm) unname(m[, match(nm, fit$states)]))
  pick <- function(x) {
    list(n_risk = unname(x$n.risk[, 1]), n_event = cols(x$n.event), pstate = cols(x$pstate),
         std_err = cols(x$std.err), lower = cols(x$lower), upper = cols(x$upper))
  }
  # jsonlite writes at most 15 digits: times go as 17-digit text so they read back exactly
  list(r_call = call, conf_level = conf_level, causes = names,
       time = sprintf("%.17g", time), cause = cause, landmarks = sprintf("%.17g", landmarks),
       curve = c(list(time = sprintf("%.17g", s$time)), pick(s)),
       at = c(list(time = sprintf("%.17g", l$time)), pick(l)))
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))

# mgus2 as in vignette("compete"): progression (pcm) before death, else death, else censored
m <- survival::mgus2
etime <- with(m, ifelse(pstat == 1, ptime, futime))
ecause <- with(m, ifelse(pstat == 1, 1L, ifelse(death == 1, 2L, 0L)))
res$mgus2 <- ci_case(etime, ecause, c("pcm", "death"), c(0, 12, 60, 120, 240, 500),
                     call = "survfit(Surv(etime, event) ~ 1, mgus2), vignette compete")

# oligoprogression: local, distant, death; times on a 0.1-month grid so that many coincide
n <- 250
k <- pmax(1, round(rexp(n, 0.06) * 10))
cz <- round(runif(n, 30, 480))
who <- sample(1:3, n, replace = TRUE, prob = c(0.35, 0.45, 0.2))
t <- pmin(k, cz) / 10
cause <- ifelse(k <= cz, who, 0L)
res$oligo <- ci_case(t, cause, c("local", "distant", "death"),
                     c(0.05, 1.2, 6, 12, 24, 60), conf_level = 0.9,
                     call = "survfit(Surv(t, factor(cause)) ~ 1, conf.int = 0.9)")

# a hand-checkable cohort: ties of two causes and a censoring at t = 2, censoring last
res$small <- ci_case(c(1, 2, 2, 2, 3, 4, 5, 5), c(1, 1, 2, 0, 2, 0, 1, 0),
                     c("local", "death"), c(0.5, 2, 4.5, 10), call = "8 patients")

# one cause only (a competing-risk fit with one state: survfit still gives pstate = 1 - KM)
res$one_cause <- ci_case(c(3, 1, 4, 1, 5, 9, 2, 6), c(1, 1, 0, 1, 1, 0, 1, 1),
                         c("relapse"), c(1, 5, 20), call = "one cause")

# all censored: the cif stays 0 and the limits are NA
res$all_censored <- ci_case(c(2, 4, 4, 7), c(0, 0, 0, 0), c("local", "death"), c(1, 5, 9),
                            call = "all censored")

# one patient with an event
res$one_patient <- ci_case(c(3.5), c(2), c("local", "death"), c(1, 3.5, 9),
                           call = "one patient")

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null", pretty = FALSE), out)
