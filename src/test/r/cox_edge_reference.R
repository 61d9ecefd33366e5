#!/usr/bin/env Rscript
# R's coxph where the likelihood misbehaves: near separation (a level with no or almost no
# events, so R warns "coefficient may be infinite" and stops on its convergence rule), and no
# events at all (coefficients NA, every test 0 on 0 df); and cox.zph where R cannot compute it.
# Numbers compared within 1e-8 relative (docs/statistics.md).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/cox_edge_reference.R src/test/resources/r/cox_edge_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- commandArgs(TRUE)[1]
set.seed(16)

caught <- function(expr) {
  msgs <- character(0)
  value <- withCallingHandlers(tryCatch(expr, error = function(e) e),
    warning = function(w) { msgs <<- c(msgs, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(value = value, warnings = msgs)
}

model <- function(d, formula, ties, terms) {
  assign("d", d, envir = globalenv()) # where cox.zph looks for the data of the call
  r <- caught(coxph(formula, data = d, ties = ties, x = TRUE))
  fit <- r$value
  s <- summary(fit)
  z <- caught(cox.zph(fit))
  zph <- if (inherits(z$value, "error")) list(error = conditionMessage(z$value)) else
    list(chisq = unname(z$value$table[, "chisq"]), df = unname(z$value$table[, "df"]),
         p = unname(z$value$table[, "p"]))
  list(r_call = paste0("coxph(", deparse(formula), ", ties = '", ties, "')"),
       input = d, ties = ties, terms = I(terms),
       coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))), vcov = unname(fit$var),
       loglik = unname(fit$loglik), iterations = fit$iter,
       wald = c(unname(fit$wald.test), sum(!is.na(coef(fit))),
                pchisq(unname(fit$wald.test), sum(!is.na(coef(fit))), lower.tail = FALSE)),
       lr = unname(s$logtest), score = unname(s$sctest),
       concordance = unname(fit$concordance[c("concordance", "std")]),
       n = fit$n, nevent = fit$nevent, warnings = I(r$warnings), zph = zph)
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))

# near separation: group b has a single event early (or none), so its coefficient heads to -Inf
n <- 40
near <- data.frame(time = round(rexp(n, 0.1), 1) + 0.1, event = rbinom(n, 1, 0.7),
                   g = rep(c(0, 1), each = n / 2))
near$event[near$g == 1] <- 0
near$event[which(near$g == 1)[1]] <- 0
res$cases$one_group_no_events_efron <- model(near, Surv(time, event) ~ g, "efron", "g")
res$cases$one_group_no_events_breslow <- model(near, Surv(time, event) ~ g, "breslow", "g")

# three levels, the third without events, plus a numeric covariate (centred and scaled by R)
m <- 60
three <- data.frame(time = round(rexp(m, 0.08), 1) + 0.1, event = rbinom(m, 1, 0.75),
                    a = rep(0:2, length.out = m), age = round(rnorm(m, 65, 9)))
three$event[three$a == 2] <- 0
three$b1 <- as.numeric(three$a == 1)
three$b2 <- as.numeric(three$a == 2)
res$cases$third_level_no_events_with_age <- model(three, Surv(time, event) ~ b1 + b2 + age,
                                                  "efron", c("b1", "b2", "age"))
# the separating variable as a number on another scale (centred and scaled: 0/5)
three$s5 <- 5 * three$b2
res$cases$separating_number <- model(three, Surv(time, event) ~ s5 + age, "efron",
                                     c("s5", "age"))

# no events at all
none <- data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), event = 0,
                   g = rep(c(0, 1), 5), x = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3))
res$cases$no_events_one_term <- model(none, Surv(time, event) ~ g, "efron", "g")
res$cases$no_events_two_terms <- model(none, Surv(time, event) ~ g + x, "efron", c("g", "x"))

# every time tied: the model fits, cox.zph cannot (singular information)
tied <- data.frame(time = c(0, 0, 0, 0), event = c(1, 1, 1, 0), g = c(0, 1, 0, 1))
res$cases$all_times_tied <- model(tied, Surv(time, event) ~ g, "efron", "g")

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
