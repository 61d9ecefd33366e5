#!/usr/bin/env Rscript
# R's answers for the time-to-event table of a clinical study report (issue 20, TteTableAnalysis).
# Per group: survfit(Surv(time, status) ~ 1) on the group (conf.type = "log", survfit's default)
#   and quantile(fit, c(0.25, 0.5, 0.75), conf.int = TRUE); n, events, censored and their %;
#   the shortest and longest time, censored when no event happened at it; at the milestones
#   summary(survfit(..., conf.type = "plain"), times, extend = TRUE): n.risk, surv, std.err,
#   lower, upper.
# Each group against the first, on the two groups' patients: survdiff(Surv ~ g) and
#   survdiff(Surv ~ g + strata(s)) p (pchisq upper tail), coxph(Surv ~ g [+ strata(s)],
#   ties = "efron"): coef, se(coef), exp(coef), exp(coef -+ z se), Pr(>|z|); at each milestone the difference
#   of rates d = S_g - S_1, d -+ z sqrt(se_g^2 + se_1^2) and 2 * pnorm(-|d / se|).
# Cases: survival::colon, etype == 2 (death: OS), rx by text order (Lev, Lev+5FU, Obs: Lev is
#   the reference, as the cohort's groups are in text order), node4 the stratification factor,
#   days / 30.4375 as the cohort format converts days to months; written to
#   src/test/resources/cohorts/colon-os.csv. A synthetic two-arm trial (ties on a 0.5-month
#   grid; arm A ends with an event so its curve reaches 0 and its se is NA from there; arm B
#   does not reach its median; milestones past each arm's last time; a stratum in one arm
#   only), written to src/test/resources/cohorts/tte-two-arm.csv. Degenerate groups (no events,
#   one patient; milestones at 0 and on an event time), src/test/resources/cohorts/tte-degenerate.csv.
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4. From the repository root:
#   Rscript src/test/r/tte_table_reference.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
cohorts <- "src/test/resources/cohorts"
out <- "src/test/resources/r/tte_table_reference.json"
conf_level <- 0.95
z <- qnorm(1 - (1 - conf_level) / 2)

quart <- function(fit) {
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75), conf.int = TRUE)
  row <- function(k) list(estimate = unname(q$quantile[k]), lower = unname(q$lower[k]),
                          upper = unname(q$upper[k]))
  list(q25 = row(1), median = row(2), q75 = row(3))
}

table_of <- function(time, status, group, stratum, milestones) {
  levels <- sort(unique(as.character(group)), method = "radix")
  group <- factor(as.character(group), levels = levels)
  groups <- list()
  rates <- list()
  for (g in levels) {
    k <- group == g
    t <- time[k]; s <- status[k]
    fit <- survfit(Surv(t, s) ~ 1, conf.type = "log", conf.int = conf_level)
    plain <- survfit(Surv(t, s) ~ 1, conf.type = "plain", conf.int = conf_level)
    sm <- summary(plain, times = milestones, extend = TRUE)
    rates[[g]] <- sm
    n <- length(t); ev <- sum(s)
    groups[[length(groups) + 1]] <- c(list(label = g, n = n, events = ev, censored = n - ev,
      events_pct = 100 * ev / n, censored_pct = 100 * (n - ev) / n,
      min = min(t), min_censored = all(s[t == min(t)] == 0),
      max = max(t), max_censored = all(s[t == max(t)] == 0),
      milestones = list(time = I(sm$time), n_risk = I(sm$n.risk), surv = I(sm$surv),
                        std_err = I(sm$std.err), lower = I(sm$lower), upper = I(sm$upper))),
      quart(fit))
  }
  comparisons <- list()
  for (g in levels[-1]) {
    k <- group %in% c(levels[1], g)
    d <- data.frame(t = time[k], s = status[k], g = droplevels(group[k]), st = stratum[k])
    lr <- survdiff(Surv(t, s) ~ g, data = d)
    slr <- survdiff(Surv(t, s) ~ g + strata(st), data = d)
    cx <- coxph(Surv(t, s) ~ g + strata(st), data = d, ties = "efron")
    co <- summary(cx)$coefficients
    a <- rates[[levels[1]]]; b <- rates[[g]]
    diff <- b$surv - a$surv
    se <- sqrt(a$std.err^2 + b$std.err^2)
    unstrat <- coxph(Surv(t, s) ~ g, data = d, ties = "efron")
    cu <- summary(unstrat)$coefficients
    comparisons[[length(comparisons) + 1]] <- list(label = g, reference = levels[1],
      logrank_p = pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE),
      strat_logrank_p = pchisq(slr$chisq, length(slr$n) - 1, lower.tail = FALSE),
      hr = list(coef = co[1, "coef"], se = co[1, "se(coef)"],
                estimate = exp(co[1, "coef"]), lower = exp(co[1, "coef"] - z * co[1, "se(coef)"]),
                upper = exp(co[1, "coef"] + z * co[1, "se(coef)"]), p = co[1, "Pr(>|z|)"]),
      hr_unstratified = list(coef = cu[1, "coef"], se = cu[1, "se(coef)"],
                estimate = exp(cu[1, "coef"]),
                lower = exp(cu[1, "coef"] - z * cu[1, "se(coef)"]),
                upper = exp(cu[1, "coef"] + z * cu[1, "se(coef)"]), p = cu[1, "Pr(>|z|)"]),
      milestones = list(difference = I(diff), lower = I(diff - z * se), upper = I(diff + z * se),
                        p = I(2 * pnorm(-abs(diff / se)))))
  }
  list(milestones = I(milestones), groups = groups, comparisons = comparisons)
}

# colon: OS (etype 2), days in the file, months in the analysis
co <- subset(survival::colon, etype == 2)
colon_file <- data.frame(patient_id = sprintf("C%04d", co$id), os_days = co$time,
                         os_event = co$status, rx = as.character(co$rx), node4 = co$node4)
write.csv(colon_file, file.path(cohorts, "colon-os.csv"), row.names = FALSE, quote = FALSE)
colon <- table_of(co$time / 30.4375, co$status, co$rx, co$node4, c(12, 36, 60, 120))

# the synthetic two-arm trial
set.seed(20)
na <- 40; nb <- 40
ta <- sample(seq(0.5, 15, by = 0.5), na, replace = TRUE)
sa <- rbinom(na, 1, 0.85)
sa[ta == max(ta)] <- 1                      # A's curve reaches 0 at its last time
tb <- sample(seq(0.5, 20, by = 0.5), nb, replace = TRUE)
sb <- rbinom(nb, 1, 0.25)
sb[tb > 12] <- 0                             # B: no event after 12, median not reached
site_a <- sample(c("north", "south"), na, replace = TRUE)
site_b <- sample(c("north", "south", "west"), nb, replace = TRUE)   # west: arm B only
two <- data.frame(patient_id = sprintf("T%03d", 1:(na + nb)), os_months = c(ta, tb),
                  os_event = c(sa, sb), arm = rep(c("A", "B"), c(na, nb)),
                  site = c(site_a, site_b))
write.csv(two, file.path(cohorts, "tte-two-arm.csv"), row.names = FALSE, quote = FALSE)
two_arm <- table_of(two$os_months, two$os_event, two$arm, two$site, c(6, 12, 18, 24))
stopifnot(is.na(two_arm$groups[[2]]$median$estimate))         # B: median not reached
stopifnot(is.na(two_arm$groups[[1]]$milestones$std_err[3]))   # A at 18: S = 0, se NA

# degenerate groups: A the reference with ties; B without events (Cox's coefficient runs off
# to -Inf and stops where coxph stops; its quartiles are not reached); C one patient, whose
# event is on one of A's times; a milestone at 0 (S = 1, se 0: the difference has no p) and
# one on an event time (the patients leaving then are at risk)
deg <- data.frame(patient_id = sprintf("D%02d", 1:17),
                  os_months = c(1, 2, 2, 3, 3, 3, 5, 7, 8, 9, 2, 4, 4, 6, 10, 12, 3),
                  os_event = c(1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1),
                  arm = c(rep("A", 10), rep("B", 6), "C"),
                  stage = c("I", "II", "I", "II", "I", "II", "I", "II", "I", "II",
                            "I", "II", "I", "II", "I", "II", "I"))
write.csv(deg, file.path(cohorts, "tte-degenerate.csv"), row.names = FALSE, quote = FALSE)
degenerate <- suppressWarnings(table_of(deg$os_months, deg$os_event, deg$arm, deg$stage,
                                        c(0, 3, 8)))

res <- list(colon = colon, two_arm = two_arm, degenerate = degenerate)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE), out)
