# Degenerate shapes for WeightedAnalysis (issue 21): what R gives, case by case, on a small
# cohort written as a cohort file (src/test/resources/cohorts/weighted-degenerate.csv, 40
# patients). Run from the repository root: Rscript src/test/r/weighted_degenerate_reference.R
# (R 4.2.2, survival 3.5.3, jsonlite 1.8.4). The same R settings as
# weighted_rotterdam_reference.R (glm epsilon 1e-14; weights by hand, type-7 trimming; SMDs with
# unweighted variances; survfit(weights = w); coxph(weights = w, robust = TRUE), Efron;
# E-values, common outcome over 15 %). Every curve point is written (index 0, 1, 2, ...).
# Columns: abx, single, rare, balanced (text no/yes: the groups, "yes" second); age (40
# distinct values: per unit), ecog 0/1/2, sex F/M, site bone/liver/lung (factors). Endpoints in
# days, multiples of 10 (ties):
#   os           ordinary (the single "yes" patient of `single` has an event);
#   noev         (a) no event in the abx = yes group;
#   none         (b) no event at all (R: coef NA, var 0, no naive.var);
#   tied, tiedc  (d) every time 100 days; every patient an event / every second one.
# Cases: a, b, d by abx adjusted for age + ecog; (c) os by single (one patient) adjusted for
# age; (e) os by rare (exposed at age ranks 2, 38, 40) adjusted for age, trimmed at 0.1: every
# exposed patient is trimmed; (f) os by abx adjusted for age + site, liver only among abx = yes
# (glm warns "fitted probabilities numerically 0 or 1 occurred"); (g) os by balanced adjusted
# for sex, 10 F and 10 M in each group: every score 0.5 up to glm's rounding, weights 2 (ATE),
# 1 (stabilised, ATT). For (g) also survfit with the weights exactly 2 (whole numbers:
# Greenwood), against R's fitted-score weights (off by an ulp: fractional, jackknife).
# Each case records R's warnings and errors; a number R does not reach is null.
source("src/test/r/weighted_common.R")
set.seed(2122)
n <- 40
age <- sort(sample(30:89, n))
ecog <- sample(0:2, n, replace = TRUE, prob = c(0.4, 0.4, 0.2))
abx <- rbinom(n, 1, plogis(-2 + 0.05 * (age - 30)))
single <- rep("no", n); single[20] <- "yes"
rare <- rep("no", n); rare[c(2, 38, 40)] <- "yes"
balanced <- rep(c("no", "yes"), each = 20)
sex <- rep(rep(c("F", "M"), each = 10), 2)
site <- sample(c("bone", "lung"), n, replace = TRUE); site[which(abx == 1)[1:3]] <- "liver"
os_days <- pmax(1, round(rexp(n, 1 / 300) / 10) * 10)
os_event <- rbinom(n, 1, 0.7); os_event[20] <- 1L
noev_days <- os_days; noev_event <- ifelse(abx == 1, 0L, os_event)
none_days <- os_days; none_event <- rep(0L, n)
tied_days <- rep(100, n); tied_event <- rep(1L, n)
tiedc_days <- rep(100, n); tiedc_event <- rep(0:1, n / 2)
cohort <- data.frame(patient_id = sprintf("D%02d", 1:n), abx = ifelse(abx == 1, "yes", "no"),
  single, rare, balanced, age, ecog, sex, site, os_days, os_event, noev_days, noev_event,
  none_days, none_event, tied_days, tied_event, tiedc_days, tiedc_event)
write.csv(cohort, "src/test/resources/cohorts/weighted-degenerate.csv", row.names = FALSE,
          quote = FALSE)

d <- read.csv("src/test/resources/cohorts/weighted-degenerate.csv")
numeric_columns <- c("age")
levels_of <- list(ecog = c("0", "1", "2"), sex = c("F", "M"), site = c("bone", "liver", "lung"))
# R's value, its warnings and its error
run <- function(expr) {
  warnings <- character(0)
  value <- tryCatch(withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, trimws(conditionMessage(w))); invokeRestart("muffleWarning")
  }), error = function(e) structure(list(), error = conditionMessage(e)))
  list(value = value, warnings = warnings, error = attr(value, "error"))
}
na <- function(x) if (length(x) == 0 || !is.finite(x)) NULL else x
curves_of <- function(km, groups) {
  s <- summary(km, censored = TRUE)
  lapply(groups, function(j) {
    r <- if (is.null(s$strata)) seq_along(s$time) else which(s$strata == paste0("g=", j))
    list(points = length(r), index = seq_along(r) - 1, time = s$time[r], n_risk = s$n.risk[r],
         n_event = s$n.event[r], survival = s$surv[r], std_err = s$std.err[r],
         lower = s$lower[r], upper = s$upper[r])
  })
}
one <- function(name, endpoint, by, adjust, estimand, stabilized, trim) {
  d$g <- as.numeric(d[[by]] == "yes")
  terms <- sapply(adjust, function(a) if (a %in% numeric_columns) a else paste0("factor(", a, ")"))
  glm_run <- run(glm(as.formula(paste("g ~", paste(terms, collapse = " + "))), family = binomial,
                     data = d, control = glm.control(epsilon = 1e-14, maxit = 100)))
  fit <- glm_run$value; ps <- unname(fitted(fit)); sm <- summary(fit)$coefficients
  out <- list(name = name, endpoint = endpoint, by = by, adjust = adjust, estimand = estimand,
              stabilized = stabilized, trim = trim, glm_warnings = glm_run$warnings,
              propensity = list(term = rownames(sm), coef = unname(sm[, 1]), se = unname(sm[, 2]),
                                p = unname(sm[, 4])))
  keep <- rep(TRUE, nrow(d))
  if (trim > 0) keep <- ps >= quantile(ps, trim, type = 7) & ps <= quantile(ps, 1 - trim, type = 7)
  g <- d$g
  n1 <- sum(g[keep] == 1); n0 <- sum(g[keep] == 0); nn <- n0 + n1
  w <- if (estimand == "ate") ifelse(g == 1, 1 / ps, 1 / (1 - ps)) else ifelse(g == 1, 1, ps / (1 - ps))
  if (stabilized) w <- if (estimand == "ate") w * ifelse(g == 1, n1 / nn, n0 / nn) else ifelse(g == 1, w, w * n0 / n1)
  k <- d[keep, ]; wk <- w[keep]; gk <- g[keep]
  out$n <- nrow(k); out$n_first <- n0; out$n_second <- n1
  if (n0 == 0 || n1 == 0) return(out)
  cols <- list()
  for (a in adjust) {
    if (a %in% numeric_columns) cols[[length(cols) + 1]] <- list(a, NULL, k[[a]])
    else for (l in levels_of[[a]]) if (any(as.character(k[[a]]) == l))
      cols[[length(cols) + 1]] <- list(a, l, as.numeric(as.character(k[[a]]) == l))
  }
  out$balance <- lapply(cols, function(c) list(column = c[[1]], level = c[[2]],
                        before = smd(c[[3]], gk, rep(1, length(gk))), after = smd(c[[3]], gk, wk)))
  out$weights <- list(min = min(wk), max = max(wk), mean = mean(wk),
                      fractional = any(wk != floor(wk)),
                      first = list(n = n0, sum = sum(wk[gk == 0]), ess = sum(wk[gk == 0])^2 / sum(wk[gk == 0]^2)),
                      second = list(n = n1, sum = sum(wk[gk == 1]), ess = sum(wk[gk == 1])^2 / sum(wk[gk == 1]^2)))
  k$time <- k[[paste0(endpoint, "_days")]] / 30.4375; k$status <- k[[paste0(endpoint, "_event")]]
  k$g <- gk
  out$curves <- curves_of(survfit(Surv(time, status) ~ g, data = k, weights = wk), 0:1)
  cox_run <- run(coxph(Surv(time, status) ~ g, data = k, weights = wk, robust = TRUE))
  out$cox_warnings <- cox_run$warnings; out$cox_error <- cox_run$error
  out$events <- sum(k$status); out$events_by_group <- c(sum(k$status[gk == 0]), sum(k$status[gk == 1]))
  if (is.null(cox_run$error)) {
    cx <- cox_run$value; se <- sqrt(cx$var[1, 1]); b <- unname(coef(cx))
    if (is.na(b)) { out$cox <- list(coef = NULL, se = se, naive_se = NULL); return(out) }
    hr <- exp(b); lo <- exp(b - qnorm(0.975) * se); hi <- exp(b + qnorm(0.975) * se)
    out$cox <- list(coef = b, se = se, naive_se = if (is.null(cx$naive.var)) NULL else sqrt(cx$naive.var[1, 1]), hr = hr, lower = lo,
                    upper = hi, p = 2 * pnorm(-abs(b / se)), iter = cx$iter)
    out$e_value <- e_values(hr, lo, hi, out$events > 0.15 * nrow(k))
  }
  out
}
cases <- list(
  one("a_no_events_in_one_group", "noev", "abx", c("age", "ecog"), "ate", FALSE, 0),
  one("b_no_events", "none", "abx", c("age", "ecog"), "ate", FALSE, 0),
  one("c_group_of_one", "os", "single", c("age"), "ate", FALSE, 0),
  one("d_all_events_at_one_time", "tied", "abx", c("age", "ecog"), "ate", FALSE, 0),
  one("d_all_times_tied_half_events", "tiedc", "abx", c("age", "ecog"), "ate", FALSE, 0),
  one("e_trimming_empties_a_group", "os", "rare", c("age"), "ate", FALSE, 0.1),
  one("f_level_in_one_group", "os", "abx", c("age", "site"), "ate", FALSE, 0),
  one("g_equal_weights_ate", "os", "balanced", c("sex"), "ate", FALSE, 0),
  one("g_equal_weights_stabilized", "os", "balanced", c("sex"), "ate", TRUE, 0),
  one("g_equal_weights_att", "os", "balanced", c("sex"), "att", FALSE, 0))
# (g) with the weights exactly 2: whole numbers, so survfit takes Greenwood's variance
k <- d; k$g <- as.numeric(k$balanced == "yes"); k$time <- k$os_days / 30.4375
greenwood <- curves_of(survfit(Surv(time, os_event) ~ g, data = k, weights = rep(2, n)), 0:1)
out <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
            patients = n, cases = cases, whole_weights_greenwood = greenwood)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null", na = "null"),
           "src/test/resources/r/weighted_degenerate_reference.json")
for (c in cases) cat(c$name, "| glm:", c$glm_warnings, "| n", c$n_first, c$n_second, "| cox:",
  c$cox_warnings, c$cox_error, "| coef", c$cox$coef, "se", c$cox$se, "p", c$cox$p,
  "| fractional", c$weights$fractional, "\n")
