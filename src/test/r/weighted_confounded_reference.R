# Synthetic confounded reference for WeightedAnalysis (issue 21): an ICI cohort in which
# antibiotics within 30 days of starting treatment are given far more often to older, sicker
# patients (ECOG 1-2, high LDH, high NLR, more tumour burden), and those same factors shorten
# OS and PFS; antibiotics themselves add a modest hazard (log HR 0.25 for OS, 0.2 for PFS). So the
# crude HR overstates the exposure's effect and the SMDs before weighting are large.
# Run from the repository root: Rscript src/test/r/weighted_confounded_reference.R
# (R 4.2.2, survival 3.5.3, jsonlite 1.8.4).
#
# Writes the cohort src/test/resources/cohorts/confounded-ici.csv (600 patients) in the cohort
# format: patient_id C<nnn>; antibiotics_30d 0/1 (the built-in stratifier antibiotics: no/yes,
# "yes" the second group); age (years, > 20 values: per unit); ecog 0/1/2 (few values: a
# factor, levels in numeric order); ldh (U/L, per unit); nlr (the built-in stratifier nlr:
# low/high at 5, as R's factor(nlr >= 5)); tumour_burden_mm (sum of target-lesion diameters, per
# unit). Endpoints in whole days (many tied times; the server and this script take months as
# days / 30.4375): os and pfs (pfs_days <= os_days), administrative and random censoring.
# R's answers as weighted_rotterdam_reference.R: glm(binomial), glm.control(epsilon = 1e-14,
# maxit = 100); weights by hand (ATE/ATT, stabilised, trimming by the score's type-7
# quantiles); SMDs with unweighted variances on the patients kept; survfit(weights = w)
# (fractional weights: infinitesimal-jackknife se) and coxph(weights = w, robust = TRUE), Efron;
# E-values (common outcome over 15 % events). Also the crude (unweighted) coxph on all patients.
# Curves thinned: each curve's number of points, then the points at 0-based index 0, 10, 20, ...
# and the last one.
source("src/test/r/weighted_common.R")
set.seed(2021)
n <- 600
age <- pmin(pmax(round(rnorm(n, 64, 10)), 30), 90)
ecog <- sample(0:2, n, replace = TRUE, prob = c(0.4, 0.45, 0.15))
ldh <- round(exp(rnorm(n, log(230), 0.35)))
nlr <- round(exp(rnorm(n, log(4), 0.55)), 2)
burden <- round(10 + rgamma(n, shape = 2, scale = 40))
lp_exposure <- -1.3 + 0.05 * (age - 64) + 0.9 * (ecog == 1) + 1.8 * (ecog == 2) +
  1.4 * log(ldh / 230) + 1.0 * log(nlr / 4) + 0.012 * (burden - 90)
abx <- rbinom(n, 1, plogis(lp_exposure))
confounding <- 0.03 * (age - 64) + 0.5 * (ecog == 1) + 1.0 * (ecog == 2) +
  0.9 * log(ldh / 230) + 0.5 * log(nlr / 4) + 0.006 * (burden - 90)
weibull <- function(lp, scale_days, shape) scale_days * (-log(runif(n)) / exp(lp))^(1 / shape)
death <- weibull(confounding + 0.25 * abx, 700, 1.2)
progression <- weibull(confounding + 0.2 * abx, 300, 1.1)
censor <- pmin(runif(n, 200, 1100), rexp(n, 1 / 3000))
os_days <- pmax(1, round(pmin(death, censor)))
os_event <- as.integer(death <= censor)
pfs_days <- pmin(pmax(1, round(pmin(progression, death, censor))), os_days)
pfs_event <- as.integer(pmin(progression, death) <= censor)
cohort <- data.frame(patient_id = sprintf("C%03d", seq_len(n)), antibiotics_30d = abx,
                     age = age, ecog = ecog, ldh = ldh, nlr = nlr, tumour_burden_mm = burden,
                     os_days = os_days, os_event = os_event, pfs_days = pfs_days,
                     pfs_event = pfs_event)
write.csv(cohort, "src/test/resources/cohorts/confounded-ici.csv", row.names = FALSE,
          quote = FALSE)

d <- read.csv("src/test/resources/cohorts/confounded-ici.csv")
d$g <- d$antibiotics_30d
d$nlr_group <- factor(ifelse(d$nlr >= 5, "high", "low"), levels = c("low", "high"))
d$os_months <- d$os_days / 30.4375
d$pfs_months <- d$pfs_days / 30.4375
adjust <- c("age", "ecog", "ldh", "nlr", "tumour_burden_mm")
fit <- glm(g ~ age + factor(ecog) + ldh + nlr_group + tumour_burden_mm, family = binomial,
           data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
stopifnot(fit$converged)
ps <- unname(fitted(fit))
balance_columns <- function(k) {
  lv <- function(name, x, levels) lapply(levels, function(l) list(name, l, as.numeric(x == l)))
  c(list(list("age", NULL, k$age)), lv("ecog", as.character(k$ecog), c("0", "1", "2")),
    list(list("ldh", NULL, k$ldh)), lv("nlr", as.character(k$nlr_group), c("low", "high")),
    list(list("tumour_burden_mm", NULL, k$tumour_burden_mm)))
}
one <- function(endpoint, estimand, stabilized, trim) {
  c <- weighted_case(d, ps, paste0(endpoint, "_months"), paste0(endpoint, "_event"),
                     balance_columns, estimand, stabilized, trim, thinned = TRUE)
  c(list(endpoint = endpoint, estimand = estimand, stabilized = stabilized, trim = trim,
         n = c$n, events = c$events), c$body)
}
crude <- function(endpoint) {
  cx <- coxph(Surv(d[[paste0(endpoint, "_months")]], d[[paste0(endpoint, "_event")]]) ~ d$g)
  list(endpoint = endpoint, coef = unname(coef(cx)), se = sqrt(cx$var[1, 1]))
}
cases <- list()
for (e in c("os", "pfs")) {
  cases <- c(cases, list(one(e, "ate", FALSE, 0), one(e, "att", FALSE, 0),
                         one(e, "ate", TRUE, 0.01), one(e, "ate", TRUE, 0.1)))
}
out <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
            adjust = adjust, patients = n, exposed = sum(d$g),
            propensity = propensity_table(fit),
            crude = list(crude("os"), crude("pfs")), cases = cases)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null"),
           "src/test/resources/r/weighted_confounded_reference.json")
# a line for the record: crude vs weighted HRs and the largest SMD before / after
for (c in cases) cat(c$endpoint, c$estimand, c$stabilized, c$trim, "n", c$n, "HR", c$cox$hr,
  "smd before max", max(abs(sapply(c$balance, `[[`, "before"))), "after max",
  max(abs(sapply(c$balance, `[[`, "after"))), "\n")
for (c in out$crude) cat("crude", c$endpoint, exp(c$coef), "\n")
cat("exposed", sum(d$g), "of", n, "; os events", sum(d$os_event), "; pfs events", sum(d$pfs_event),
    "; distinct os days", length(unique(d$os_days)), "\n")
