#!/usr/bin/env Rscript
# R's answers for the numbers the reports add: the hazard ratio of each group against the first
# (coxph on the group as a factor, Efron ties, Wald limits and p), and the median follow-up by the
# reverse Kaplan-Meier method (survfit on the censoring indicator, its median and limits).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/report_reference.R cohorts src/test/resources/r/report_reference.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
a <- commandArgs(TRUE)
dir <- a[1]
out <- a[2]

lung <- read.csv(file.path(dir, "ncctg-lung.csv"))
ici <- read.csv(file.path(dir, "synthetic-ici-oligometastatic.csv"))
egfr <- read.csv(file.path(dir, "synthetic-egfr-tki-oligoprogressive.csv"))

# LIPI as in the cohort format (dNLR >= 3, LDH > ULN)
lipi <- function(d) {
  dnlr <- d$neutrophils / (d$leukocytes - d$neutrophils)
  factor(c("good", "intermediate", "poor")[1 + (dnlr >= 3) + (d$ldh > d$ldh_uln)],
         levels = c("good", "intermediate", "poor"))
}

hr <- function(name, time, event, group, strata = NULL, level = 0.95) {
  keep <- !is.na(time) & !is.na(event) & !is.na(group)
  if (!is.null(strata)) keep <- keep & !is.na(strata)
  g <- droplevels(factor(group[keep]))
  fit <- if (is.null(strata)) coxph(Surv(time[keep], event[keep]) ~ g, ties = "efron")
         else { s <- strata[keep]; coxph(Surv(time[keep], event[keep]) ~ g + strata(s),
                                         ties = "efron") }
  z <- qnorm(1 - (1 - level) / 2)
  b <- unname(coef(fit)); se <- unname(sqrt(diag(vcov(fit))))
  list(name = name, levels = levels(g), conf_level = level, hr = exp(b),
       lower = exp(b - z * se), upper = exp(b + z * se),
       p = 2 * pnorm(-abs(b / se)))
}

follow_up <- function(name, time, event) {
  keep <- !is.na(time) & !is.na(event)
  fit <- survfit(Surv(time[keep], 1 - event[keep]) ~ 1)
  q <- quantile(fit, probs = 0.5, conf.int = TRUE)
  list(name = name, n = sum(keep), median = unname(q$quantile), lower = unname(q$lower),
       upper = unname(q$upper))
}

days <- function(x) x / 30.4375
res <- list(
  software = paste("R", getRversion(), "survival", packageVersion("survival")),
  hazard_ratios = list(
    hr("lung os by sex", lung$os_months, lung$os_event, lung$sex),
    hr("lung os by ph_ecog", lung$os_months, lung$os_event, lung$ph_ecog),
    hr("lung os by sex, strata ph_ecog", lung$os_months, lung$os_event, lung$sex,
       lung$ph_ecog),
    hr("lung os by sex, 90%", lung$os_months, lung$os_event, lung$sex, level = 0.9),
    hr("ici os by lipi", ici$os_months, ici$os_event, lipi(ici)),
    hr("ici pfs by arm", ici$pfs_months, ici$pfs_event, ici$arm)),
  follow_up = list(
    follow_up("lung os", lung$os_months, lung$os_event),
    follow_up("ici os", ici$os_months, ici$os_event),
    follow_up("ici pfs", ici$pfs_months, ici$pfs_event),
    follow_up("egfr os", days(egfr$os_days), egfr$os_event),
    follow_up("egfr pfs", days(egfr$pfs_days), egfr$pfs_event)))
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
