# Public-data reference for WeightedAnalysis (issue 21): the weighted comparison composed as R
# does it on survival::rotterdam (2,982 primary breast cancers, Royston and Altman 2013), chemo
# ("no"/"yes") as the exposure, the second group "yes".
# Run from the repository root: Rscript src/test/r/weighted_rotterdam_reference.R
# (R 4.2.2, survival 3.5.3, jsonlite 1.8.4).
#
# Writes the cohort src/test/resources/cohorts/rotterdam-chemo.csv as the cohort format reads it:
# patient_id R<pid>; chemo no/yes; age, nodes, pgr, er numbers (more than 20 distinct values, so
# the server takes them per unit); meno, grade, hormon as 0/1 or 2/3 (few values: factors); size
# as written by survival ("<=20", "20-50", ">50": a 3-level factor, levels in text order as the
# server orders text, "20-50" < "<=20" < ">50", so "20-50" is the reference here too).
# Endpoints in days (the server converts days / 30.4375 to months; so does this script):
#   rfs: recurrence-free survival as ?rotterdam's example, the "liberal" definition that counts
#        the 43 deaths after the last recurrence follow-up: event pmax(recur, death), time rtime
#        after a recurrence, else dtime;
#   os:  dtime, death.
# R's answers: glm(binomial) with glm.control(epsilon = 1e-14, maxit = 100); weights by hand
# (ATE/ATT, stabilised, trimming by the score's type-7 quantiles); SMDs with unweighted variances
# on the patients kept; survfit(weights = w) (fractional weights: R's infinitesimal-jackknife
# standard errors) and coxph(weights = w, robust = TRUE), Efron; E-values as VanderWeele and
# Ding (common outcome over 15 % events).
# The curves are thinned to keep the file small: each curve's number of points (every distinct
# time, censored ones included, as summary(censored = TRUE)) is written, and the points at
# 0-based index 0, 10, 20, ... and the last one, with their index.
source("src/test/r/weighted_common.R")
r <- survival::rotterdam
cohort <- data.frame(
  patient_id = sprintf("R%04d", r$pid), chemo = ifelse(r$chemo == 1, "yes", "no"),
  age = r$age, meno = r$meno, size = as.character(r$size), grade = r$grade, nodes = r$nodes,
  pgr = r$pgr, er = r$er, hormon = r$hormon,
  rfs_days = ifelse(r$recur == 1, r$rtime, r$dtime), rfs_event = pmax(r$recur, r$death),
  os_days = r$dtime, os_event = r$death)
write.csv(cohort, "src/test/resources/cohorts/rotterdam-chemo.csv", row.names = FALSE,
          quote = FALSE)

d <- read.csv("src/test/resources/cohorts/rotterdam-chemo.csv")
d$g <- as.numeric(d$chemo == "yes")
d$size <- factor(d$size, levels = sort(unique(d$size), method = "radix"))
d$rfs_months <- d$rfs_days / 30.4375
d$os_months <- d$os_days / 30.4375
adjust <- c("age", "meno", "size", "grade", "nodes", "pgr", "er", "hormon")
fit <- glm(g ~ age + factor(meno) + size + factor(grade) + nodes + pgr + er + factor(hormon),
           family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
stopifnot(fit$converged)
ps <- unname(fitted(fit))
# balance rows in the order of adjust: a number as itself, a factor per level (first included)
balance_columns <- function(k) {
  out <- list()
  for (a in adjust) {
    v <- k[[a]]
    if (a %in% c("age", "nodes", "pgr", "er")) {
      out[[length(out) + 1]] <- list(a, NULL, as.numeric(v))
    } else {
      lv <- if (is.factor(v)) levels(v) else as.character(sort(unique(v)))
      for (l in lv) out[[length(out) + 1]] <- list(a, l, as.numeric(as.character(v) == l))
    }
  }
  out
}
one <- function(endpoint, estimand, stabilized, trim) {
  c <- weighted_case(d, ps, paste0(endpoint, "_months"), paste0(endpoint, "_event"),
                     balance_columns, estimand, stabilized, trim, thinned = TRUE)
  c(list(endpoint = endpoint, estimand = estimand, stabilized = stabilized, trim = trim,
         n = c$n, events = c$events), c$body)
}
out <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
            adjust = adjust,
            propensity = propensity_table(fit),
            cases = list(one("rfs", "ate", FALSE, 0), one("rfs", "ate", TRUE, 0.05),
                         one("rfs", "att", FALSE, 0), one("os", "ate", TRUE, 0.01),
                         one("os", "att", TRUE, 0)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null"),
           "src/test/resources/r/weighted_rotterdam_reference.json")
