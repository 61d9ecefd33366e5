#!/usr/bin/env Rscript
# Weighted Cox models with the robust (sandwich) variance, as
# coxph(Surv(time, event) ~ ..., weights = w, robust = TRUE): the naive variance (inverse of the
# weighted information), the robust one (crossprod of the weighted dfbeta residuals), summary's
# robust z, p and CI, the log-likelihoods and the robust Wald and score tests.
# Every input is passed through JSON and read back before fitting, so Java fits the very numbers
# R fitted (the inverse-probability weights of rotterdam above all).
# Numbers compared within 1e-8 relative (docs/statistics.md).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/weighted_cox_reference.R src/test/resources/r/weighted_cox_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- commandArgs(TRUE)[1]

# the data as Java will read it
through_json <- function(d) fromJSON(toJSON(d, digits = NA))

model <- function(d, terms, ties, weighted = TRUE) {
  d <- through_json(d)
  f <- as.formula(paste("Surv(time, event) ~", paste(terms, collapse = " + ")))
  fit <- if (weighted) coxph(f, data = d, weights = w, ties = ties, robust = TRUE) else
    coxph(f, data = d, ties = ties, robust = TRUE)
  s <- summary(fit)
  naive <- if (is.null(fit$naive.var)) fit$var else fit$naive.var
  list(r_call = paste0("coxph(", deparse(f), if (weighted) ", weights = w" else "",
                       ", ties = '", ties, "', robust = TRUE)"),
       input = d, weighted = weighted, ties = ties, terms = I(terms),
       coef = unname(coef(fit)),
       # without events coxph skips the robust step: no naive.var, no robust se, no robscore
       naive_se = unname(sqrt(diag(naive))), naive_vcov = unname(naive),
       robust_se = unname(sqrt(diag(fit$var))), robust_vcov = unname(fit$var),
       z = unname(s$coefficients[, "z"]), p = unname(s$coefficients[, "Pr(>|z|)"]),
       hr_lower = unname(s$conf.int[, "lower .95"]), hr_upper = unname(s$conf.int[, "upper .95"]),
       loglik = unname(fit$loglik),
       # summary rounds the Wald statistic to 2 decimals: fit$wald.test is the unrounded one
       wald = list(test = unname(fit$wald.test), df = unname(s$waldtest["df"]),
                   p = unname(pchisq(fit$wald.test, s$waldtest["df"], lower.tail = FALSE))),
       robust_score = if (is.null(s$robscore)) NULL else
         list(test = unname(s$robscore["test"]), df = unname(s$robscore["df"]),
              p = unname(s$robscore["pvalue"])))
}

res <- list(cases = list())

# rotterdam: death by chemotherapy, ATE inverse-probability weights from a logistic propensity
rot <- survival::rotterdam
ps <- fitted(glm(chemo ~ age + meno + size + grade + nodes + hormon, family = binomial,
                 data = rot))
rd <- data.frame(time = rot$dtime, event = rot$death, chemo = rot$chemo,
                 w = ifelse(rot$chemo == 1, 1 / ps, 1 / (1 - ps)))
res$cases$rotterdam_chemo_ipw_efron <- model(rd, "chemo", "efron")
res$cases$rotterdam_chemo_ipw_breslow <- model(rd, "chemo", "breslow")

# lung: two covariates, arbitrary positive non-integer weights
lung <- survival::lung
ld <- data.frame(time = lung$time, event = as.integer(lung$status == 2), age = lung$age,
                 sex = lung$sex, w = 0.5 + (seq_len(nrow(lung)) %% 7) / 3)
res$cases$lung_age_sex_weighted_efron <- model(ld, c("age", "sex"), "efron")
res$cases$lung_age_sex_weighted_breslow <- model(ld, c("age", "sex"), "breslow")
# no weights: robust = TRUE alone
res$cases$lung_age_sex_unweighted_efron <- model(ld, c("age", "sex"), "efron", weighted = FALSE)

# tied event times (deaths tied within and across groups, a death tied with censorings) and
# unequal weights
tied <- data.frame(time = c(1, 1, 2, 2, 2, 3, 4, 4, 4, 5, 6, 6, 7, 8, 8, 9),
                   event = c(1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1),
                   g = c(0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1),
                   w = c(1, 3, 2, 0.5, 1.5, 1, 2.5, 1, 4, 1, 0.7, 1.3, 2, 1, 3, 0.9))
res$cases$tied_unequal_weights_efron <- model(tied, "g", "efron")
res$cases$tied_unequal_weights_breslow <- model(tied, "g", "breslow")
# the same with all weights 1, given and not given
tied1 <- transform(tied, w = 1)
res$cases$tied_weights_one_efron <- model(tied1, "g", "efron")
res$cases$tied_no_weights_efron <- model(tied1, "g", "efron", weighted = FALSE)
res$cases$tied_no_weights_breslow <- model(tied1, "g", "breslow", weighted = FALSE)

# integer weights other than 1 (R makes them frequencies for the fit, robust still per row)
res$cases$tied_integer_weights_efron <- model(transform(tied, w = c(1, 2, 3)[1 + seq_len(16) %% 3]),
                                              "g", "efron")

# non-integer weights and a numeric covariate that R centres and scales
set.seed(21)
m <- 40
nonint <- data.frame(time = round(rexp(m, 0.1), 1) + 0.1, event = rbinom(m, 1, 0.7),
                     g = rep(0:1, length.out = m), x = round(rnorm(m, 50, 10), 1),
                     w = round(runif(m, 0.2, 3.7), 3))
res$cases$non_integer_weights_two_terms_efron <- model(nonint, c("g", "x"), "efron")

# one group with a single event
one <- data.frame(time = c(2, 3, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13),
                  event = c(1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0),
                  g = c(0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1),
                  w = c(1.2, 0.8, 2, 1, 1.5, 0.6, 2.2, 1, 0.4, 1.1, 3, 0.9))
res$cases$group_with_one_event_efron <- model(one, "g", "efron")
res$cases$group_with_one_event_breslow <- model(one, "g", "breslow")

# no events: coefficients NA, no robust step; everyone in one group: g redundant (NA), x fitted
none <- data.frame(time = 1:6, event = 0, g = c(0, 1, 0, 1, 0, 1), w = c(1, 2, 1.5, 1, 0.5, 1))
res$cases$no_events <- model(none, "g", "efron")
same <- data.frame(time = 1:6, event = c(1, 0, 1, 1, 0, 1), g = 1, x = c(3, 1, 4, 1, 5, 9),
                   w = c(1, 2, 1.5, 1, 0.5, 1))
res$cases$everyone_in_one_group <- model(same, c("g", "x"), "efron")

# one case per line: the rotterdam inputs are long
json <- sapply(names(res$cases), function(k) paste0(toJSON(k, auto_unbox = TRUE), ": ",
  toJSON(res$cases[[k]], digits = NA, auto_unbox = TRUE, null = "null", na = "null")))
writeLines(c('{"cases": {', paste(json, collapse = ",\n"), "}}"), out)
