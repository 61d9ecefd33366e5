#!/usr/bin/env Rscript
# R's answers for Simon–Makuch curves (survival by current exposure, issue 19) and for the
# landmark grouping of a time-dependent exposure (status at s).
#   Simon–Makuch: tmerge(d, d, id = id, ev = event(time, status), x = tdc(start)), then
#     survfit(Surv(tstart, tstop, ev) ~ x) (no id: Greenwood variance), its fit$n,
#     summary(censored = TRUE), summary(times, extend = TRUE), quantile(), print(rmean = tau)
#     and the at-risk numbers the figure draws: summary(fit, times = 0:ceiling(max))$n.risk.
#   Landmark at s: patients with time >= s grouped by exposed iff start <= s,
#     survfit(Surv(time, status) ~ g, start.time = s) and survdiff on that subset (the shape of
#     landmark_from_reference.R's answers).
# Cases: the ICI sample cohort (antibiotics, os), survival::jasa (transplant as the exposure, days; the patient with futime 0 is left out,
# as tmerge refuses it), survival::heart (R's own (start, stop] rows, fed to the kernel
# directly), the synthetic cohort written here to src/test/resources/cohorts/exposure-switch.csv
# (months; exposures before 0, at 0, inside follow-up, on other patients' event times and on the
# patient's own event time, after follow-up, never; ties on a 0.5-month grid; one patient with
# time 0), and small degenerate data (nobody exposed, everyone exposed, no events, one patient,
# all dying).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/simon_makuch_reference.R src/test/resources/cohorts/exposure-switch.csv \
#     src/test/resources/r/simon_makuch_reference.json cohorts/synthetic-ici-oligometastatic.csv
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
cohort_file <- a[1]
out <- a[2]
ici <- read.csv(a[3])  # the ICI sample cohort: antibiotics_start_days, os and pfs in months
labels <- c("unexposed", "exposed")

# per level of a survfit: the rows of a summary belonging to it
rows_of <- function(s, level, levels) {
  if (length(levels) == 1) rep(TRUE, length(s$time))
  else as.character(s$strata) == paste0("x=", level)
}

curve_rows <- function(s, k, with_censor = TRUE) {
  r <- list(time = s$time[k], n_risk = s$n.risk[k], n_event = s$n.event[k],
            surv = s$surv[k], std_err = s$std.err[k], lower = s$lower[k], upper = s$upper[k])
  if (with_censor) r$n_censor <- s$n.censor[k]
  lapply(r, I)  # arrays even with one point (jsonlite would unbox them)
}

simon_makuch <- function(time, status, start, landmarks, call, conf_type = "log",
                         conf_level = 0.95) {
  d <- data.frame(id = seq_along(time), time = time, status = status, start = start)
  usable <- !is.na(d$time) & !is.na(d$status) & d$time > 0
  kept <- d[usable, ]  # tmerge refuses an interval (0, 0]
  # tdc() refuses a column with no start at all; a start past everyone's follow-up is the
  # same (ignored by tmerge), so nobody-exposed data gets one
  if (all(is.na(kept$start))) kept$start <- max(kept$time) + 1
  tm <- tmerge(kept[, c("id", "time", "status", "start")], kept, id = id,
               ev = event(time, status), x = tdc(start))
  tm$x <- droplevels(factor(tm$x, levels = 0:1, labels = labels))
  levels <- levels(tm$x)
  fit <- survfit(Surv(tstart, tstop, ev) ~ x, data = tm, conf.type = conf_type,
                 conf.int = conf_level)
  cs <- summary(fit, censored = TRUE)
  lm <- summary(fit, times = landmarks, extend = TRUE)
  ticks <- 0:ceiling(max(tm$tstop))
  tk <- summary(fit, times = ticks, extend = TRUE)
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75), conf.int = TRUE)
  qm <- function(m) if (is.matrix(m)) unname(m) else matrix(unname(m), nrow = 1)
  tau <- min(tapply(tm$tstop, tm$x, max))
  tab <- summary(fit, rmean = tau)$table
  if (!is.matrix(tab)) tab <- matrix(tab, nrow = 1, dimnames = list(NULL, names(tab)))
  list(r_call = call, conf_type = conf_type, conf_level = conf_level,
       input = list(time = I(time), status = I(status), start = I(start)),
       n_excluded = sum(!usable), levels = I(levels),
       rows = list(start = I(tm$tstart), stop = I(tm$tstop), event = I(tm$ev),
                   exposed = I(as.integer(tm$x == "exposed"))),
       n = I(as.vector(fit$n)),
       curves = lapply(levels, function(l) curve_rows(cs, rows_of(cs, l, levels))),
       landmarks = lapply(levels, function(l) curve_rows(lm, rows_of(lm, l, levels))),
       ticks = lapply(levels, function(l) {
         k <- rows_of(tk, l, levels)
         list(time = I(tk$time[k]), n_risk = I(tk$n.risk[k]))
       }),
       # the figure's risk table: the patients in each state at each tick, rows with
       # tstart < t <= tstop (at 0 the state at treatment start: tstart == 0); R's summary
       # gives the count at the next curve time, which counts switches made before it
       in_state = lapply(levels, function(l) {
         sapply(ticks, function(t) {
           if (t == 0) sum(tm$x == l & tm$tstart == 0)
           else sum(tm$x == l & tm$tstart < t & tm$tstop >= t)
         })
       }),
       quantiles = list(est = qm(q$quantile), lower = qm(q$lower), upper = qm(q$upper)),
       rmst = list(tau = tau, rmean = I(unname(tab[, "rmean"])),
                   se = I(unname(tab[, "se(rmean)"]))))
}

# Counting-process data fed to the kernel as it is (R's heart rows)
counting <- function(start, stop, event, x, call) {
  d <- data.frame(tstart = start, tstop = stop, ev = event,
                  x = droplevels(factor(x, levels = 0:1, labels = labels)))
  levels <- levels(d$x)
  fit <- survfit(Surv(tstart, tstop, ev) ~ x, data = d)
  cs <- summary(fit, censored = TRUE)
  list(r_call = call, levels = I(levels),
       rows = list(start = start, stop = stop, event = event, exposed = x),
       n = I(as.vector(fit$n)),
       curves = lapply(levels, function(l) curve_rows(cs, rows_of(cs, l, levels))))
}

# Landmark grouping at s: status at s, ordinary KM from s and the log-rank test on the subset
landmark <- function(time, status, start, s, landmarks, call) {
  d <- data.frame(t = time, e = status, start = start)
  d$g <- factor(ifelse(!is.na(d$start) & d$start <= s, "exposed", "unexposed"),
                levels = labels)
  fit <- survfit(Surv(t, e) ~ g, data = d, start.time = s)
  sub <- d[d$t >= s, ]
  sub$g <- droplevels(sub$g)
  levels <- levels(sub$g)
  cs <- summary(fit, censored = TRUE)
  lm <- summary(fit, times = landmarks[landmarks >= s], extend = TRUE)
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75), conf.int = TRUE)
  tau <- min(tapply(sub$t, sub$g, max))
  tab <- summary(fit, rmean = tau)$table
  sd <- survdiff(Surv(t, e) ~ g, data = sub)
  g_rows <- function(s, l) as.character(s$strata) == paste0("g=", l)
  list(r_call = call, from = s, n_excluded = sum(d$t < s), n = nrow(sub), levels = levels,
       group_n = as.vector(table(sub$g)),
       curves = lapply(levels, function(l) curve_rows(cs, g_rows(cs, l))),
       landmarks = lapply(levels, function(l) curve_rows(lm, g_rows(lm, l))),
       quantiles = list(est = unname(q$quantile), lower = unname(q$lower),
                        upper = unname(q$upper)),
       rmst = list(tau = tau, rmean = unname(tab[, "rmean"]), se = unname(tab[, "se(rmean)"])),
       logrank = list(chisq = sd$chisq, df = length(levels) - 1,
                      p = pchisq(sd$chisq, length(levels) - 1, lower.tail = FALSE),
                      observed = as.vector(sd$obs), expected = as.vector(sd$exp)))
}

# The synthetic cohort: 0.5-month grid (ties), hand-placed exposure shapes first
set.seed(1919)
n <- 80
os <- pmax(0.5, round(rexp(n, 1 / 14) * 2) / 2)
os_event <- rbinom(n, 1, 0.7)
pfs <- pmin(os, pmax(0.5, round(rexp(n, 1 / 7) * 2) / 2))
pfs_event <- ifelse(pfs < os, 1L, os_event)
start <- ifelse(runif(n) < 0.5, round(runif(n, 0, 1) * os * 2) / 2, NA)
arm <- rep(c("A", "B"), length.out = n)
# 1: before 0; 2: at 0; 3: on its own event time (no exposure for it); 4, 5: on another
# patient's event time (6); 6: after follow-up (none); 7: never; 8: starts between pfs and os
# (exposed for os only); 9: time 0 (left out); 10-12: same start 6 (ties at the landmark)
os[1:12] <- c(10, 8, 7, 12, 15, 5, 9, 20, 0, 6, 14, 6)
os_event[1:12] <- c(1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0)
pfs[1:12] <- c(4, 8, 7, 3, 15, 5, 9, 4, 0, 6, 2, 6)
pfs_event[1:12] <- c(1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0)
start[1:12] <- c(-1, 0, 7, 6, 6, NA, NA, 10, NA, 6, 6, 3)
stopifnot(any(os[os_event == 1] == 6))
cohort <- data.frame(patient_id = sprintf("SW-%03d", 1:n), arm = arm, os_months = os,
                     os_event = os_event, pfs_months = pfs, pfs_event = pfs_event,
                     steroids_start_months = start)
# patient 6's start after its follow-up is an empty cell here (the reader would make it NaN
# and warn): written as 30 to exercise that path
cohort$steroids_start_months[6] <- 30
write.csv(cohort, cohort_file, row.names = FALSE, na = "", quote = FALSE)
start_read <- ifelse(!is.na(start) & start > pmax(os, pfs), NA, start)
start_read[6] <- NA

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))
lms <- c(3, 6, 12, 24)
res$cases$switch_os <- simon_makuch(os, os_event, start_read, lms,
  "survfit(Surv(tstart, tstop, ev) ~ x, tmerge(exposure-switch.csv, os, tdc(steroids)))")
res$cases$switch_os_loglog90 <- simon_makuch(os, os_event, start_read, lms,
  "the same, conf.type = 'log-log', conf.int = 0.9", "log-log", 0.9)
res$cases$switch_os_plain <- simon_makuch(os, os_event, start_read, lms,
  "the same, conf.type = 'plain'", "plain")
a_arm <- arm == "A"
res$cases$switch_os_arm_a <- simon_makuch(os[a_arm], os_event[a_arm], start_read[a_arm], lms,
  "the same on subset(arm == 'A')")
res$cases$switch_pfs <- simon_makuch(pfs, pfs_event, start_read, lms,
  "survfit(Surv(tstart, tstop, ev) ~ x, tmerge(exposure-switch.csv, pfs, tdc(steroids)))")
# months as the reader makes them (days / 30.4375)
res$cases$ici_os <- simon_makuch(ici$os_months, ici$os_event,
  ici$antibiotics_start_days / 30.4375, c(6, 12, 24),
  "survfit(Surv(tstart, tstop, ev) ~ x, tmerge(ICI sample, os, tdc(antibiotics start)))")
j <- jasa
res$cases$jasa <- simon_makuch(j$futime, j$fustat, j$wait.time, c(30, 100, 365, 1000),
  "survfit(Surv(tstart, tstop, ev) ~ x, tmerge(jasa, futime, tdc(wait.time)))")
res$cases$nobody_exposed <- simon_makuch(c(2, 3, 3, 5, 8), c(1, 0, 1, 1, 0),
  rep(NA, 5), c(1, 3, 10), "nobody exposed")
res$cases$everyone_exposed <- simon_makuch(c(2, 3, 3, 5, 8), c(1, 0, 1, 1, 0),
  c(-2, 0, -1, 0, -5), c(1, 3, 10), "everyone exposed before or at 0")
res$cases$no_events <- simon_makuch(c(2, 3, 3, 5, 8), c(0, 0, 0, 0, 0),
  c(1, NA, 2, 3, 1), c(1, 3, 10), "no events")
res$cases$one_patient <- simon_makuch(4, 1, 2, c(1, 3, 10), "one patient, switching at 2")
res$cases$all_die <- simon_makuch(c(1, 2, 2, 4, 4, 6), c(1, 1, 1, 1, 1, 1),
  c(NA, 1, 1, 2, 3, 4), c(1, 2, 4, 10), "everyone dies; switches on event times")

res$heart <- counting(heart$start, heart$stop, heart$event, as.integer(heart$transplant == 1),
  "survfit(Surv(start, stop, event) ~ transplant, heart)")

res$landmark_os_6 <- landmark(os, os_event, start_read, 6, lms,
  "survfit(Surv(os, status) ~ I(start <= 6), start.time = 6), exposure-switch.csv")
res$landmark_jasa_30 <- landmark(j$futime, j$fustat, j$wait.time, 30, c(30, 100, 365, 1000),
  "survfit(Surv(futime, fustat) ~ I(wait.time <= 30), jasa, start.time = 30)")
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE), out)
