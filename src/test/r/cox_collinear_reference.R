#!/usr/bin/env Rscript
# R's coxph with redundant columns: a column collinear with earlier ones (or constant) makes the
# information matrix singular; R's cholesky2 (toler.chol = .Machine$double.eps^0.75) drops it,
# its coefficient is NA (se 0 in fit$var), the tests' df count only the others, and cox.zph
# leaves it out. Numbers compared within 1e-8 relative (docs/statistics.md).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/cox_collinear_reference.R src/test/resources/r/cox_collinear_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- commandArgs(TRUE)[1]
set.seed(1616)

caught <- function(expr) {
  msgs <- character(0)
  value <- withCallingHandlers(tryCatch(expr, error = function(e) e),
    warning = function(w) { msgs <<- c(msgs, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(value = value, warnings = msgs)
}

# terms: the model's columns in order; strata: the name of a stratum column or NULL
model <- function(d, terms, ties, strata = NULL) {
  rhs <- paste(c(terms, if (!is.null(strata)) paste0("strata(", strata, ")")), collapse = " + ")
  formula <- as.formula(paste("Surv(time, event) ~", rhs))
  assign("d", d, envir = globalenv()) # where cox.zph looks for the data of the call
  r <- caught(coxph(formula, data = d, ties = ties, x = TRUE))
  fit <- r$value
  s <- summary(fit)
  z <- caught(cox.zph(fit))
  zph <- if (inherits(z$value, "error")) list(error = conditionMessage(z$value)) else
    list(terms = I(rownames(z$value$table)), chisq = unname(z$value$table[, "chisq"]),
         df = unname(z$value$table[, "df"]), p = unname(z$value$table[, "p"]))
  df <- sum(!is.na(coef(fit)))
  wald <- if (length(fit$wald.test) == 0) NULL else
    c(unname(fit$wald.test), df, pchisq(unname(fit$wald.test), df, lower.tail = FALSE))
  ci <- s$conf.int
  list(r_call = paste0("coxph(", deparse(formula), ", ties = '", ties, "')"),
       input = d, ties = ties, terms = I(terms), strata = strata,
       coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))), vcov = unname(fit$var),
       hr_lower = unname(ci[, 3]), hr_upper = unname(ci[, 4]),
       p = unname(s$coefficients[, "Pr(>|z|)"]),
       loglik = unname(fit$loglik), iterations = fit$iter,
       wald = wald, lr = unname(s$logtest), score = unname(s$sctest),
       concordance = unname(fit$concordance[c("concordance", "std")]),
       n = fit$n, nevent = fit$nevent, warnings = I(r$warnings), zph = zph)
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))

n <- 50
d <- data.frame(x = round(rnorm(n, 60, 10)), g = rbinom(n, 1, 0.4), w = round(rnorm(n), 2))
d$time <- round(rexp(n, 0.08 * exp(0.04 * (d$x - 60) + 0.6 * d$g)), 1) + 0.1 # real effects
d$event <- rbinom(n, 1, 0.7)
# a duplicated column (after it, one that is not redundant)
d$x_copy <- d$x
res$cases$duplicated <- model(d, c("x", "x_copy", "g"), "efron")
# a constant column (0.1 has no exact mean: R centres it to rounding, then scales)
d$c1 <- 0.1
res$cases$constant_first <- model(d, c("c1", "x"), "efron")
res$cases$constant_only <- model(d, c("c1"), "efron")
# a linear combination of three columns, last and in the middle (then a later column drops)
d$combo <- d$x - 2 * d$g + 0.5 * d$w
res$cases$combination_last <- model(d, c("x", "g", "w", "combo"), "efron")
res$cases$combination_middle <- model(d, c("x", "combo", "g", "w"), "breslow")

# many ties (whole months), a three-level factor's two indicators and a column equal to their sum
m <- 80
tied <- data.frame(level = sample(0:2, m, replace = TRUE), age = round(rnorm(m, 65, 8)))
tied$time <- pmax(1, round(rexp(m, 0.1 * exp(0.5 * tied$level))))
tied$event <- rbinom(m, 1, 0.75)
tied$l1 <- as.numeric(tied$level == 1)
tied$l2 <- as.numeric(tied$level == 2)
tied$l12 <- tied$l1 + tied$l2
res$cases$ties_sum_of_dummies_efron <- model(tied, c("l1", "l2", "l12", "age"), "efron")
res$cases$ties_sum_of_dummies_breslow <- model(tied, c("l1", "l2", "l12", "age"), "breslow")

# no events, with a duplicated column: everything NA, tests 0 on 0 df
none <- data.frame(time = 1:10, event = 0, x = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3))
none$x_copy <- none$x
res$cases$no_events_duplicated <- model(none, c("x", "x_copy"), "efron")

# strata: a column constant within every stratum, and a duplicate inside a stratified model
s <- data.frame(time = round(rexp(60, 0.1), 1) + 0.1, event = rbinom(60, 1, 0.7),
                site = rep(0:2, 20), x = round(rnorm(60, 5, 2), 1))
s$site_score <- c(1.5, -2, 7)[s$site + 1]
s$x_copy <- s$x
res$cases$strata_constant_within <- model(s, c("site_score", "x"), "efron", "site")
res$cases$strata_duplicated <- model(s, c("x", "x_copy"), "breslow", "site")
# the stratifier's own indicators as terms (factor(site) + strata(site)): every coefficient NA
s$site1 <- as.numeric(s$site == 1)
s$site2 <- as.numeric(s$site == 2)
res$cases$strata_confounded <- model(s, c("site1", "site2"), "efron", "site")

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
