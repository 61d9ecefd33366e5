#!/usr/bin/env Rscript
# Extra R answers that ../shared/reference/ does not hold: stratified, three-group and non-integer-rho survdiff,
# a 90 % confidence level, landmark rows before the first time and past the last, other quantile
# probabilities, and near-equal times in different groups.
# Run from the repository root (R 4.2.2, survival 3.5.3, jsonlite 1.8.4, Debian bookworm):
#   Rscript src/test/r/extra_reference.R ../shared/reference src/test/resources/r/extra_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
ref <- a[1]
out <- a[2]
lung <- read.csv(file.path(ref, "lung.csv"))
vet <- read.csv(file.path(ref, "veteran.csv"))

sd_json <- function(fit, call) {
  o <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  e <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  df <- sum(e > 0) - 1
  list(r_call = call, chisq = fit$chisq, df = df,
       p = pchisq(fit$chisq, df, lower.tail = FALSE),
       n = as.vector(fit$n), observed = as.vector(o), expected = as.vector(e),
       variance = unname(fit$var))
}

km_json <- function(fit, probs) {
  s <- summary(fit, censored = TRUE)
  q <- quantile(fit, probs = probs, conf.int = TRUE)
  list(time = s$time, n_risk = s$n.risk, surv = s$surv, std_err = s$std.err,
       lower = s$lower, upper = s$upper, strata = if (is.null(s$strata)) NULL else as.character(s$strata),
       quantile_probs = probs,
       quantiles = list(est = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper)))
}

res <- list(software = list(R = R.version.string, survival = as.character(packageVersion("survival"))))

lung_e <- lung[!is.na(lung$ph_ecog), ]
for (rho in c(0, 1, 0.5)) {
  call <- sprintf("survdiff(Surv(os_months, os_event) ~ sex + strata(ph_ecog), data = lung[!is.na(ph_ecog), ], rho = %s)", rho)
  res$survdiff[[sprintf("lung_sex_strata_ecog_rho%s", rho)]] <- sd_json(
    survdiff(Surv(os_months, os_event) ~ sex + strata(ph_ecog), data = lung_e, rho = rho), call)
}
vet$celltype <- factor(vet$celltype, levels = c("squamous", "smallcell", "adeno", "large"))
for (rho in c(0, 1)) {
  call <- sprintf("survdiff(Surv(os_months, os_event) ~ celltype + strata(trt), data = veteran, rho = %s)", rho)
  res$survdiff[[sprintf("veteran_celltype_strata_trt_rho%s", rho)]] <- sd_json(
    survdiff(Surv(os_months, os_event) ~ celltype + strata(trt), data = vet, rho = rho), call)
}
res$survdiff$veteran_celltype_rho0.5 <- sd_json(
  survdiff(Surv(os_months, os_event) ~ celltype, data = vet, rho = 0.5),
  "survdiff(Surv(os_months, os_event) ~ celltype, data = veteran, rho = 0.5)")
# three groups (ECOG 0, 1, 2; the one ECOG 3 patient left out): LogRankSums has its own loop
# for up to three groups in one stratum
lung_e3 <- lung_e[lung_e$ph_ecog <= 2, ]
for (rho in c(0, 1)) {
  call <- sprintf("survdiff(Surv(os_months, os_event) ~ ph_ecog, data = lung[ph_ecog %%in%% 0:2, ], rho = %s)", rho)
  res$survdiff[[sprintf("lung_ecog012_rho%s", rho)]] <- sd_json(
    survdiff(Surv(os_months, os_event) ~ ph_ecog, data = lung_e3, rho = rho), call)
}

near <- data.frame(time = c(1, 1 + 1e-12, 2, 3, 3 + 3e-10, 4, 5, 6, 2 + 2e-9, 7),
                   event = c(1, 1, 0, 1, 1, 0, 1, 1, 1, 0),
                   group = c("a", "b", "a", "b", "a", "b", "a", "b", "b", "a"))
res$near_ties <- list(input = near,
  survdiff = sd_json(survdiff(Surv(time, event) ~ group, data = near), "survdiff(Surv(time, event) ~ group, data = near)"),
  km = km_json(survfit(Surv(time, event) ~ group, data = near), c(0.25, 0.5, 0.75)))

for (ct in c("log", "log-log", "plain")) {
  fit <- survfit(Surv(os_months, os_event) ~ sex, data = lung, conf.type = ct, conf.int = 0.90)
  res$conf90[[ct]] <- km_json(fit, c(0.1, 0.25, 0.5, 0.75, 0.9))
}

fit <- survfit(Surv(os_months, os_event) ~ trt, data = vet)
lt <- c(0, 0.01, 0.261464750171116, 3, 30, 100)
s <- summary(fit, times = lt, extend = TRUE)
res$landmarks_veteran_trt <- list(r_call = "summary(survfit(Surv(os_months, os_event) ~ trt, data = veteran), times = lt, extend = TRUE)",
  times = lt, strata = as.character(s$strata), time = s$time, n_risk = s$n.risk,
  n_event = s$n.event, n_censor = s$n.censor, surv = s$surv, std_err = s$std.err,
  lower = s$lower, upper = s$upper)

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null", pretty = TRUE), out)

# Cox models beyond one factor: numeric covariates together, a stratified model, and a group
# without events (monotone likelihood: R stops with a finite coefficient and a warning).
cox_json <- function(fit, call) {
  w <- NULL
  list(r_call = call, coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))),
       vcov = unname(fit$var), loglik = unname(fit$loglik), iterations = fit$iter,
       # summary()$waldtest is rounded to 2 decimals for printing: use fit$wald.test
       wald = c(unname(fit$wald.test), length(coef(fit)),
                pchisq(unname(fit$wald.test), length(coef(fit)), lower.tail = FALSE)),
       lr = unname(summary(fit)$logtest), score = unname(summary(fit)$sctest),
       n = fit$n, nevent = fit$nevent)
}
lung_c <- lung[complete.cases(lung[, c("os_months", "os_event", "sex", "age", "ph_karno")]), ]
res2 <- list()
for (ties in c("efron", "breslow")) {
  res2$cox[[paste0("lung_sex_age_karno_", ties)]] <- cox_json(
    coxph(Surv(os_months, os_event) ~ sex + age + ph_karno, data = lung_c, ties = ties),
    sprintf("coxph(Surv(os_months, os_event) ~ sex + age + ph_karno, data = complete rows, ties = '%s')", ties))
  res2$cox[[paste0("lung_sex_strata_ecog_", ties)]] <- cox_json(
    coxph(Surv(os_months, os_event) ~ sex + strata(ph_ecog), data = lung_e, ties = ties),
    sprintf("coxph(Surv(os_months, os_event) ~ sex + strata(ph_ecog), data = lung[!is.na(ph_ecog), ], ties = '%s')", ties))
}
mono <- data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3.5, 6.5),
                   event = c(1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0),
                   g = c(0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1))
msgs <- character(0)
fit_m <- withCallingHandlers(coxph(Surv(time, event) ~ g, data = mono),
  warning = function(w) { msgs <<- c(msgs, conditionMessage(w)); invokeRestart("muffleWarning") })
res2$cox$monotone <- c(cox_json(fit_m, "coxph(Surv(time, event) ~ g, data = mono)"),
                       list(input = mono, warnings = msgs))
writeLines(toJSON(res2, digits = NA, auto_unbox = TRUE, null = "null", na = "null", pretty = TRUE),
           sub("\\.json$", "_cox.json", out))
