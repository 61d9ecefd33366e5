#!/usr/bin/env Rscript
# Weighted Kaplan-Meier: R's survfit(Surv(time, status) ~ group, weights = w) for
# WeightedKaplanMeierReferenceTest. survfitKM (survival 3.5.3) takes the robust (infinitesimal
# jackknife, one cluster per patient) variance by default when some weight is not a whole number
# (has.rwt, decided over all the call's weights, so a group of whole weights gets the jackknife
# when another group's are fractional), and the Greenwood sum on weighted counts otherwise;
# `robust` forces either. Both are written, with fit$logse telling which scale fit$std.err is on;
# std_err below is summary()'s standard error of S. Weights are rounded to 15 significant digits before the fit so that the
# numbers written (jsonlite, digits = NA) are the very weights R used.
# Run from the repository root (R 4.2.2, survival 3.5.3, jsonlite 1.8.4):
#   Rscript src/test/r/weighted_km_reference.R
suppressPackageStartupMessages({
  library(survival); library(jsonlite)
})
out <- "src/test/resources/r/weighted_km_reference.json"

curve_of <- function(fit, t_fixed, in_group) {
  s <- summary(fit, censored = TRUE)
  times <- fit$time
  list(
    n = fit$n, time = times, n_risk = fit$n.risk, n_event = fit$n.event,
    n_censor = fit$n.censor,
    n_risk_unweighted = vapply(times, function(u) sum(t_fixed[in_group] >= u), 0),
    surv = fit$surv, std_err_fit = fit$std.err, logse = fit$logse,
    # JSON has no Inf (Greenwood's at S = 0): flagged apart from the null it is written as
    std_err_fit_infinite = is.infinite(fit$std.err),
    std_err = if (length(times)) s$std.err else numeric(0),
    lower = fit$lower, upper = fit$upper, cumhaz = fit$cumhaz, std_chaz = fit$std.chaz,
    quantiles = unclass(quantile(fit, c(0.25, 0.5, 0.75)))[c("quantile", "lower", "upper")])
}

# robust: NULL (R's default), TRUE or FALSE
make_case <- function(time, status, weight, group = rep(0L, length(time)), conf_type = "log",
                      conf_level = 0.95, robust = NULL) {
  weight <- signif(weight, 15)
  d <- data.frame(time = time, status = status, w = weight, g = group)
  t_fixed <- aeqSurv(Surv(time, status))[, 1]
  levels <- sort(unique(group))
  # one call over every group, as the analysis does: R decides Greenwood or jackknife over all
  # the call's weights (a group of whole weights gets the jackknife if another group has not)
  fit <- if (is.null(robust)) {
    survfit(Surv(time, status) ~ g, data = d, weights = w, conf.type = conf_type,
            conf.int = conf_level)
  } else {
    survfit(Surv(time, status) ~ g, data = d, weights = w, conf.type = conf_type,
            conf.int = conf_level, robust = robust)
  }
  curves <- lapply(seq_along(levels), function(k) {
    one <- if (length(levels) > 1) fit[k] else fit
    curve_of(one, t_fixed, d$g == levels[k])
  })
  list(input = list(time = sprintf("%.17g", time), status = as.integer(status), weight = weight,
                    group = as.integer(group)),
       conf_type = conf_type, conf_level = conf_level,
       robust = if (is.null(robust)) "default" else as.character(robust),
       levels = as.integer(levels), curves = curves)
}

cases <- list()

# rotterdam: relapse-free survival by chemo, ATE weights from a propensity model
rot <- survival::rotterdam
rot$rfs <- pmax(rot$recur, rot$death)
rot$rfstime <- ifelse(rot$recur == 1, rot$rtime, rot$dtime)
ps <- fitted(glm(chemo ~ age + meno + size + grade + nodes + hormon, family = binomial,
                 data = rot))
ate <- ifelse(rot$chemo == 1, 1 / ps, 1 / (1 - ps))
cases$rotterdam_rfs_ate <- make_case(rot$rfstime, rot$rfs, ate, rot$chemo)
# death, ATT weights (treated 1, controls ps / (1 - ps)), log-log limits at 90 %
att <- ifelse(rot$chemo == 1, 1, ps / (1 - ps))
cases$rotterdam_death_att_loglog90 <- make_case(rot$dtime, rot$death, att, rot$chemo,
                                                conf_type = "log-log", conf_level = 0.9)
cases$rotterdam_rfs_ate_plain <- make_case(rot$rfstime, rot$rfs, ate, rot$chemo,
                                           conf_type = "plain")

# lung: arbitrary positive weights, by sex and overall; Greenwood forced on the same weights
set.seed(21)
lw <- runif(nrow(survival::lung), 0.2, 3)
lung <- survival::lung
cases$lung_sex <- make_case(lung$time, lung$status - 1, lw, lung$sex - 1)
cases$lung_overall_loglog <- make_case(lung$time, lung$status - 1, lw, conf_type = "log-log")
cases$lung_sex_greenwood_forced <- make_case(lung$time, lung$status - 1, lw, lung$sex - 1,
                                             robust = FALSE)
# whole-number weights: Greenwood by default, the jackknife when asked
iw <- rep(1:3, length.out = nrow(lung))
cases$lung_integer_weights <- make_case(lung$time, lung$status - 1, iw, lung$sex - 1)
cases$lung_integer_weights_robust <- make_case(lung$time, lung$status - 1, iw, lung$sex - 1,
                                               robust = TRUE)
cases$lung_all_ones <- make_case(lung$time, lung$status - 1, rep(1, nrow(lung)),
                                 lung$sex - 1, conf_type = "plain")

# synthetic shapes
tt <- c(1, 2, 2, 2, 3, 4, 4, 5, 6, 6)
ss <- c(1, 1, 1, 0, 1, 0, 1, 0, 1, 1)
cases$ties_different_weights <- make_case(tt, ss, c(1.5, 0.5, 2, 1, 0.7, 0.3, 1.2, 1, 0.4, 2.5))
cases$ties_different_weights_plain <- make_case(tt, ss,
    c(1.5, 0.5, 2, 1, 0.7, 0.3, 1.2, 1, 0.4, 2.5), conf_type = "plain")
cases$zero_weights_fractional <- make_case(tt, ss, c(1.5, 0, 2, 1, 0, 0.3, 1.2, 0, 0.4, 2.5))
cases$zero_weights_whole <- make_case(tt, ss, c(1, 0, 2, 1, 0, 3, 1, 0, 2, 1),
                                      conf_type = "log-log")
cases$zero_weight_last_event <- make_case(c(1, 2, 3, 4), c(1, 0, 1, 1), c(0.5, 1.5, 2.5, 0))
cases$all_die_fractional <- make_case(c(1, 2, 2, 3), c(1, 1, 1, 1), c(0.5, 1.5, 1, 2.2))
cases$all_die_fractional_plain <- make_case(c(1, 2, 2, 3), c(1, 1, 1, 1), c(0.5, 1.5, 1, 2.2),
                                            conf_type = "plain")
cases$all_die_whole <- make_case(c(1, 2, 2, 3), c(1, 1, 1, 1), c(1, 2, 1, 3))
cases$all_ones <- make_case(tt, ss, rep(1, length(tt)))
cases$one_patient_event <- make_case(5, 1, 0.8)
cases$one_patient_censored <- make_case(5, 0, 1.7)
cases$no_events <- make_case(c(1, 2, 2, 4), c(0, 0, 0, 0), c(0.5, 1.5, 2, 0.25))
cases$non_integer_two_groups <- make_case(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8),
    c(1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0),
    c(0.31, 1.41, 0.59, 2.65, 0.35, 0.89, 1.79, 3.23, 0.84, 0.62, 2.64, 0.33),
    c(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1))
cases$whole_and_fractional_groups <- make_case(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3),
    c(1, 0, 1, 1, 1, 0, 1, 1, 0, 1), c(1, 0.4, 1, 1.6, 1, 2.3, 1, 0.8, 1, 1.9),
    c(0, 1, 0, 1, 0, 1, 0, 1, 0, 1))
cases$near_tie_times <- make_case(c(1, 1 + 1e-10, 2, 3, 3 - 1e-11, 4),
                                  c(1, 1, 0, 1, 1, 1), c(0.3, 1.7, 1, 0.6, 2.1, 1.3))

res <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
            cases = cases)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null"), out)
