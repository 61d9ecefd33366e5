#!/usr/bin/env Rscript
# R's answers for the competing-risks queries on a cohort file (issue 18): a synthetic
# oligoprogression cohort (times on a 0.5-month grid, so causes and censorings tie; no death in
# the brain group), written here as CSV, and on it:
#   cif_site:   survfit(Surv(time, factor(cause)) ~ site) per group, every distinct time
#               (summary(censored = TRUE)) and landmarks 6, 12, 24 (extend = TRUE), and
#               cmprsk::cuminc(time, cause, site)$Tests (Gray, rho 0);
#   cif_from:   the same by arm with start.time = 6 (an observed time) at level 0.9, Gray on
#               the patients with time >= 6;
#   cif_subset: one group, the patients of site bone;
#   fine_gray:  cmprsk::crr(time, cause, model.matrix(~ site + age), failcode) for distant
#               and local, run to its root (crr_root.R), with the Wald test of all terms on
#               its variance, b' V^-1 b; not death (separation);
#   cox_cause:  coxph(Surv(time, cause == c) ~ site + age) (Efron), other causes censored.
# R 4.2.2, survival 3.5.3, cmprsk 2.2-11, jsonlite (Debian bookworm). From the repository root:
#   Rscript src/test/r/competing_risks_cohort_reference.R \
#     src/test/resources/cohorts/oligo-competing.csv \
#     src/test/resources/r/competing_risks_cohort_reference.json
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })
a <- commandArgs(TRUE)
csv <- a[1]
out <- a[2]
set.seed(20261202)

n <- 240
site <- sample(c("adrenal", "bone", "brain"), n, replace = TRUE, prob = c(0.3, 0.4, 0.3))
arm <- sample(c("LAT", "none"), n, replace = TRUE)
age <- round(rnorm(n, 66, 9))
rate <- 0.05 * ifelse(site == "bone", 1.4, 1) * ifelse(arm == "LAT", 0.8, 1)
k <- pmax(1, round(rexp(n, rate) * 2))          # half months
cz <- round(runif(n, 12, 96))
p_local <- ifelse(arm == "LAT", 0.15, 0.4)
p_death <- ifelse(site == "brain", 0, 0.15 + 0.01 * pmax(0, age - 66))
u <- runif(n)
who <- ifelse(u < p_death, 3L, ifelse(u < p_death + p_local, 1L, 2L))
time <- pmin(k, cz) / 2
cause <- ifelse(k <= cz, who, 0L)
causes <- c("local", "distant", "death")            # codes 1..3 of the generator
d <- data.frame(patient_id = sprintf("P%03d", seq_len(n)), arm = arm, site = site, age = age,
                pfs_months = time, pfs_event = as.integer(cause > 0),
                pfs_cause = ifelse(cause > 0, causes[pmax(cause, 1)], ""),
                os_months = time + round(runif(n, 0, 24)) / 2, os_event = rbinom(n, 1, 0.5))
write.csv(d, csv, row.names = FALSE, quote = FALSE, na = "")

by_name <- sort(causes, method = "radix")         # C collation: death, distant, local
status <- factor(ifelse(d$pfs_cause == "", "censor", d$pfs_cause),
                 levels = c("censor", by_name))

curves <- function(fit, s, names) {
  cols <- function(m, rows) lapply(names, function(nm) unname(m[rows, match(nm, fit$states)]))
  strata <- if (is.null(s$strata)) rep("all", length(s$time)) else
    sub("^[^=]*=", "", as.character(s$strata))
  lapply(unique(strata), function(g) {
    r <- which(strata == g)
    list(label = g, time = sprintf("%.17g", s$time[r]), n_risk = unname(s$n.risk[r, 1]),
         n_event = cols(s$n.event, r), cif = cols(s$pstate, r), std_err = cols(s$std.err, r),
         lower = cols(s$lower, r), upper = cols(s$upper, r))
  })
}

cif_case <- function(rows, group, from = NA, conf = 0.95, landmarks = c(6, 12, 24)) {
  e <- data.frame(time = d$pfs_months, status = status)
  if (!is.null(group)) e$group <- group
  e <- e[rows, ]
  args <- list(formula = if (is.null(group)) Surv(time, status) ~ 1 else
    Surv(time, status) ~ group, data = e, conf.int = conf)
  if (!is.na(from)) args$start.time <- from
  fit <- do.call(survfit, args)
  keep_lm <- if (is.na(from)) landmarks else landmarks[landmarks >= from]
  res <- list(curves = curves(fit, summary(fit, censored = TRUE), by_name),
              landmarks = curves(fit, summary(fit, times = keep_lm, extend = TRUE), by_name),
              n = if (is.null(group)) nrow(e) else as.list(table(droplevels(e$group))))
  if (!is.null(group)) {
    sub <- if (is.na(from)) e else e[e$time >= from, ]
    codes <- match(as.character(sub$status), c("censor", by_name)) - 1
    tests <- cuminc(sub$time, codes, sub$group, cencode = 0)$Tests
    res$gray <- lapply(seq_along(by_name), function(i) {
      row <- tests[as.character(i), ]
      list(cause = by_name[i], stat = unname(row["stat"]), df = unname(row["df"]),
           pv = unname(row["pv"]))
    })
  }
  res
}

site_f <- factor(d$site, levels = c("adrenal", "bone", "brain"))
arm_f <- factor(d$arm, levels = c("LAT", "none"))
res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival")),
                            cmprsk = as.character(packageVersion("cmprsk"))),
            causes = by_name)
res$cif_site <- cif_case(seq_len(n), site_f)
res$cif_from <- cif_case(seq_len(n), arm_f, from = 6, conf = 0.9)
res$cif_subset <- cif_case(which(d$site == "bone"), NULL)

x <- model.matrix(~ site_f + age)[, -1]
source("src/test/r/crr_root.R")  # crr run to its root
# death is left out: no brain patient dies first, so crr's brain coefficient runs off to -Inf
codes <- match(ifelse(d$pfs_cause == "", "censor", d$pfs_cause), c("censor", by_name)) - 1
res$fine_gray <- lapply(c("distant", "local"), function(cz) {
  root <- crr_root(d$pfs_months, codes, x, match(cz, by_name))
  fit <- root$fit
  list(cause = cz, coef = unname(fit$coef), se = unname(sqrt(diag(fit$var))), n = fit$n,
       polished = root$polished, loglik = fit$loglik, loglik_null = fit$loglik.null,
       events = sum(codes == match(cz, by_name)),
       competing = sum(codes > 0 & codes != match(cz, by_name)),
       wald = drop(fit$coef %*% solve(fit$var, fit$coef)))
})
res$cox_cause <- lapply(by_name, function(cz) {
  fit <- coxph(Surv(pfs_months, pfs_cause == cz) ~ site_f + age, data = d)
  s <- summary(fit)
  list(cause = cz, coef = unname(coef(fit)), se = unname(sqrt(diag(vcov(fit)))),
       p = unname(s$coefficients[, 5]), events = fit$nevent,
       lr = 2 * diff(fit$loglik), wald = unname(fit$wald.test),
       score = unname(fit$score), concordance = unname(fit$concordance["concordance"]))
})
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, na = "null", pretty = FALSE), out)
