#!/usr/bin/env Rscript
# R's answers for GET /api/cohorts/{id}/subgroups (issue 20): the treatment effect per subgroup.
# Per case: "All patients" coxph(Surv(time, ev) ~ arm); per level of each `by` the same model on
# that level's patients (those with the by value present); per `by` the interaction test
#   anova(coxph(Surv(time, ev) ~ arm + s), coxph(Surv(time, ev) ~ arm * s))
# on the patients with the endpoint, arm and s present. Efron ties. Each fit: n, events, coef,
# se, HR with Wald 95 % limits, Wald p, R's warnings (NA coef where R gives NA). Arms and
# categorical values are factors in text order (the cohort format's order, so the reference arm
# is the first in text order); built-in stratifiers from format_stratifiers.R; times in months
# as the reader converts them (days / 30.4375).
# Cohorts: survival::colon (etype 2, death; rx Obs vs Lev+5FU), written here in the cohort format
# to src/test/resources/cohorts/colon-subgroups.csv, and the ICI sample cohort.
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4. From the repository root:
#   Rscript src/test/r/subgroups_reference.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
source("src/test/r/format_stratifiers.R")

colon_csv <- "src/test/resources/cohorts/colon-subgroups.csv"
co <- subset(survival::colon, etype == 2 & rx != "Lev")
write.csv(data.frame(patient_id = sprintf("C%04d", co$id), arm = as.character(co$rx),
                     os_days = co$time, os_event = co$status, sex = co$sex,
                     node4 = co$node4, differ = co$differ, extent = co$extent),
          colon_csv, row.names = FALSE, quote = FALSE, na = "")
colon_d <- read.csv(colon_csv, stringsAsFactors = FALSE)
colon_d$os_months <- colon_d$os_days / 30.4375
# degenerate shapes: site "x" both arms with tied times, "y" arm A only, "z" no events, "w"
# no events in arm B
edge_csv <- "src/test/resources/cohorts/subgroups-edge.csv"
set.seed(20)
edge <- data.frame(patient_id = sprintf("E%02d", 1:40),
                   arm = c(rep(c("A", "B"), 10), rep("A", 10), rep(c("A", "B"), 5)),
                   site = rep(c("x", "y", "z"), c(20, 10, 10)),
                   os_months = c(sample(1:6, 20, TRUE), round(runif(10, 1, 20), 2),
                                 round(runif(10, 1, 20), 2)),
                   os_event = c(rbinom(20, 1, 0.7), rbinom(10, 1, 0.6), rep(0, 10)))
# site "w": arm B without events (R's estimate converges towards -Inf with its warning)
edge <- rbind(edge, data.frame(patient_id = sprintf("E%02d", 41:50), arm = rep(c("A", "B"), 5),
                               site = "w", os_months = round(runif(10, 1, 20), 2),
                               os_event = rep(c(1, 0), 5)))
write.csv(edge, edge_csv, row.names = FALSE, quote = FALSE, na = "")
edge <- read.csv(edge_csv, stringsAsFactors = FALSE)
ici <- read.csv("cohorts/synthetic-ici-oligometastatic.csv", stringsAsFactors = FALSE)

builtin <- c("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr", "lipi", "akkermansia", "antibiotics",
             "shannon")
text_factor <- function(x) {
  v <- sort(unique(x[!is.na(x)]), method = "radix") # C-locale text order
  if (is.numeric(x)) v <- sort(v)
  factor(x, levels = v)
}

fit_warned <- function(f, data) {
  warnings <- character(0)
  fit <- withCallingHandlers(coxph(f, data = data, ties = "efron"), warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(fit = fit, warnings = warnings)
}

arm_effect <- function(d) {
  w <- fit_warned(Surv(time, ev) ~ arm, d)
  coef <- unname(coef(w$fit)[1]); se <- unname(sqrt(diag(vcov(w$fit)))[1])
  z <- qnorm(0.975)
  list(n = nrow(d), events = sum(d$ev), coef = coef, se = se, hr = exp(coef),
       hr_lower = exp(coef - z * se), hr_upper = exp(coef + z * se),
       p = 2 * pnorm(-abs(coef / se)), warnings = w$warnings)
}

case <- function(cohort, d, endpoint, by, cutoff = NULL) {
  d$time <- d[[paste0(endpoint, "_months")]]
  d$ev <- d[[paste0(endpoint, "_event")]]
  d$arm <- text_factor(d$arm)
  d <- d[!is.na(d$time) & !is.na(d$ev) & !is.na(d$arm), ]
  subgroups <- lapply(by, function(b) {
    s <- if (!is.null(cutoff)) factor(ifelse(d[[b]] >= cutoff, "high", "low"),
                                      levels = c("low", "high"))
         else if (b %in% builtin) stratify(d, b) else text_factor(d[[b]])
    d$s <- s
    used <- d[!is.na(d$s), ]
    levels <- lapply(levels(droplevels(used$s)), function(l)
      c(list(level = l), arm_effect(used[used$s == l, ])))
    main <- fit_warned(Surv(time, ev) ~ arm + s, used)
    full <- fit_warned(Surv(time, ev) ~ arm * s, used)
    a <- anova(main$fit, full$fit)
    list(by = b, n = nrow(used), levels = levels,
         interaction = list(loglik_main = main$fit$loglik[2], loglik_full = full$fit$loglik[2],
                            chisq = a$Chisq[2], df = a$Df[2], p = a[["Pr(>|Chi|)"]][2],
                            warnings_main = main$warnings, warnings_full = full$warnings))
  })
  list(cohort = cohort, endpoint = endpoint, treatment = "arm", by = by,
       cutoff = cutoff, reference = levels(d$arm)[1], arms = levels(d$arm),
       all = arm_effect(d), subgroups = subgroups)
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))
res$cases <- list(
  colon_os = case("colon", colon_d, "os", c("sex", "node4", "differ", "extent")),
  ici_os = case("ici", ici, "os", c("pdl1", "cd8", "lipi", "antibiotics", "akkermansia")),
  ici_pfs = case("ici", ici, "pfs", c("pdl1", "cd8", "lipi", "pdl1_cd8")),
  edge_os = case("edge", edge, "os", "site"),
  # the low level (ldh < 114): 3 ICI patients without an event, 2 ICI+LAT with one
  ici_os_ldh = case("ici", ici, "os", "ldh", cutoff = 114))
writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           "src/test/resources/r/subgroups_reference.json")
