#!/usr/bin/env Rscript
# R's coxph on counting-process (start, stop] data: delayed entry (left truncation) and the
# Stanford heart transplant data. At risk at an event time t iff start < t <= stop.
# Numbers compared within 1e-8 relative (docs/statistics.md, CoxCountingReferenceTest).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/cox_counting_reference.R src/test/resources/r/cox_counting_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- commandArgs(TRUE)[1]
set.seed(19)

model <- function(d, formula, ties, terms, strata = NULL) {
  fit <- coxph(formula, data = d, ties = ties)
  s <- summary(fit)
  list(r_call = paste0("coxph(", paste(deparse(formula), collapse = ""), ", ties = '", ties,
                       "')"),
       input = d, ties = ties, terms = I(terms), strata = strata,
       coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))), vcov = unname(fit$var),
       loglik = unname(fit$loglik), iterations = fit$iter,
       wald = c(unname(fit$wald.test), sum(!is.na(coef(fit))),
                pchisq(unname(fit$wald.test), sum(!is.na(coef(fit))), lower.tail = FALSE)),
       lr = unname(s$logtest), score = unname(s$sctest), n = fit$n, nevent = fit$nevent)
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))

# Stanford heart transplant, (start, stop] rows per patient (transplant is time-dependent)
h <- data.frame(entry = heart$start, exit = heart$stop, event = heart$event,
                transplant = as.numeric(heart$transplant) - 1, age = heart$age,
                surgery = heart$surgery)
for (ties in c("efron", "breslow")) {
  res$cases[[paste0("heart_", ties)]] <- model(h,
    Surv(entry, exit, event) ~ transplant + age + surgery, ties,
    c("transplant", "age", "surgery"))
}

# delayed entry: integer times, so entries tie event times and events tie each other
n <- 120
entry <- pmax(0, round(rexp(n, 0.15)) - 2)
exit <- entry + round(rexp(n, 0.08)) + 1
trunc <- data.frame(entry = entry, exit = exit, event = rbinom(n, 1, 0.7),
                    x = round(rnorm(n), 2), g = rbinom(n, 1, 0.4),
                    s = rep(0:2, length.out = n))
stopifnot(any(trunc$entry %in% trunc$exit[trunc$event == 1]))
for (ties in c("efron", "breslow")) {
  res$cases[[paste0("delayed_entry_", ties)]] <- model(trunc,
    Surv(entry, exit, event) ~ x + g, ties, c("x", "g"))
  res$cases[[paste0("delayed_entry_strata_", ties)]] <- model(trunc,
    Surv(entry, exit, event) ~ x + g + strata(s), ties, c("x", "g"), "s")
}

# patients entering exactly at an event time (4): not at risk at 4, at risk just after
exact <- data.frame(entry = c(0, 0, 0, 4, 4, 0, 2, 4, 0, 1),
                    exit  = c(4, 4, 6, 6, 8, 3, 7, 9, 10, 5),
                    event = c(1, 1, 1, 0, 1, 1, 1, 1, 0, 0),
                    x = c(1.2, 0.3, -0.5, 2.0, 0.7, -1.1, 0.4, 1.5, -0.2, 0.9))
for (ties in c("efron", "breslow")) {
  res$cases[[paste0("enter_at_event_", ties)]] <- model(exact, Surv(entry, exit, event) ~ x,
                                                        ties, "x")
}

# right-censored data written as (0, time]: the same numbers as Surv(time, event)
rc <- data.frame(entry = 0, exit = lung$time, event = lung$status - 1, age = lung$age,
                 sex = lung$sex - 1)
res$cases$right_censored_as_counting <- model(rc, Surv(entry, exit, event) ~ age + sex,
                                              "efron", c("age", "sex"))

# lung split every 90 days (survSplit): many rows leave and enter the sums; same fit as unsplit
split <- survSplit(Surv(time, status == 2) ~ age + sex, data = lung, cut = seq(90, 1000, 90),
                   start = "entry", end = "exit", event = "event")
split$sex <- split$sex - 1
res$cases$lung_split_efron <- model(split[, c("entry", "exit", "event", "age", "sex")],
                                    Surv(entry, exit, event) ~ age + sex, "efron",
                                    c("age", "sex"))

# drift of the running sums: 1500 rows, risks exp(0.8 z) spanning about exp(+-10), most rows
# leaving before the end
m <- 1500
entry <- round(runif(m, 0, 300))
z <- round(rnorm(m, 0, 4), 3)
wide <- data.frame(entry = entry, exit = entry + round(rexp(m, 0.05 * exp(0.8 * z)), 1) + 0.1,
                   event = rbinom(m, 1, 0.8), z = z)
res$cases$wide_risks_breslow <- model(wide, Surv(entry, exit, event) ~ z, "breslow", "z")
res$cases$wide_risks_efron <- model(wide, Surv(entry, exit, event) ~ z, "efron", "z")

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
