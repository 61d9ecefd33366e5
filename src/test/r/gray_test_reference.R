#!/usr/bin/env Rscript
# Gray's K-sample test (cmprsk::cuminc(...)$Tests: stat, pv, df) per cause, with cuminc's
# defaults (rho = 0, cencode = 0), without and with strata; two cases with rho 1 and 0.5.
# cuminc's pv is 1 - pchisq(stat, df);
# the upper tail pchisq(stat, df, lower.tail = FALSE) is written beside it (Java computes the
# upper tail; both agree within 1e-10 absolute). A singular score variance gives stat -1, pv 1 in
# cuminc (Java: not available).
# Run from the repository root (R 4.2, survival, cmprsk, jsonlite):
#   Rscript src/test/r/gray_test_reference.R src/test/resources/r/gray_test_reference.json
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })
out <- commandArgs(TRUE)[1]

gray <- function(time, cause, group, strata = NULL, rho = 0) {
  fit <- if (is.null(strata)) cuminc(time, cause, group, rho = rho)
         else cuminc(time, cause, group, strata, rho = rho)
  t <- fit$Tests
  lapply(seq_len(nrow(t)), function(i) list(
    cause = as.integer(rownames(t)[i]), stat = t[i, "stat"], pv = t[i, "pv"],
    upper = pchisq(t[i, "stat"], t[i, "df"], lower.tail = FALSE), df = as.integer(t[i, "df"])))
}
case <- function(time, cause, group, strata = NULL, rho = 0) {
  list(time = time, cause = as.integer(cause), group = as.integer(group),
       strata = if (is.null(strata)) NULL else as.integer(strata), rho = rho,
       tests = gray(time, cause, group, strata, rho))
}

m <- survival::mgus2
m <- m[complete.cases(m[, c("ptime", "pstat", "futime", "death", "sex", "age")]), ]
mt <- ifelse(m$pstat == 1, m$ptime, m$futime)
mc <- ifelse(m$pstat == 1, 1, 2 * m$death)
msex <- as.integer(m$sex)                       # 1 = F, 2 = M
mage <- as.integer(cut(m$age, c(-Inf, 65, 75, Inf)))

# Synthetic oligoprogression: 3 arms, causes 1 = local, 2 = distant, 3 = death; times on a
# monthly grid (ties of several causes and censorings at one time).
set.seed(18)
n <- 300
arm <- sample(1:3, n, replace = TRUE)
site <- sample(1:2, n, replace = TRUE)
rates <- rbind(c(0.030, 0.020, 0.010), c(0.020, 0.025, 0.010), c(0.015, 0.030, 0.012))
ev <- sapply(1:3, function(k) rexp(n, rates[arm, k]))
cens <- runif(n, 6, 60)
st <- pmin(apply(ev, 1, min), cens)
sc <- ifelse(cens <= apply(ev, 1, min), 0, apply(ev, 1, which.min))
st <- ceiling(st)                                 # monthly grid
# A group with no events of cause 1: arm 3 loses its local failures to censoring.
sc_none <- ifelse(arm == 3 & sc == 1, 0, sc)
# One cause only
sc_one <- ifelse(sc > 0, 1, 0)

cases <- list(
  mgus2_sex = case(mt, mc, msex),
  mgus2_age3 = case(mt, mc, mage),
  mgus2_sex_by_age3 = case(mt, mc, msex, mage),
  oligo_arm = case(st, sc, arm),
  oligo_arm_by_site = case(st, sc, arm, site),
  # weights (1 - F(t-))^rho other than cuminc's default rho = 0
  mgus2_sex_rho1 = case(mt, mc, msex, rho = 1),
  oligo_arm_by_site_rho_half = case(st, sc, arm, site, rho = 0.5),
  oligo_group_without_cause1 = case(st, sc_none, arm),
  oligo_one_cause = case(st, sc_one, arm),
  oligo_one_cause_by_site = case(st, sc_one, arm, site),
  # group 2 is censored before every event: singular variance, cuminc's stat -1 and pv 1
  group_censored_early = case(c(1, 2, 3, 4, 5, 0.5, 0.6), c(1, 2, 1, 0, 1, 0, 0),
                              c(1, 1, 1, 1, 1, 2, 2)),
  # every event of cause 1 at one time (month 12), across groups, with deaths and censorings there
  oligo_cause1_at_one_time = case(ifelse(sc == 1, 12, st), sc, arm),
  # four groups, one of them small and over early (its risk set empties before the last events)
  oligo_four_groups = case(st, sc, ifelse(st <= 8 & arm == 3, 4, arm)),
  six_patients = case(c(1, 2, 2, 3, 4, 5), c(1, 2, 0, 1, 1, 0), c(1, 1, 2, 2, 1, 2))
)
write_json(list(r = R.version.string, cmprsk = as.character(packageVersion("cmprsk")),
                cases = cases), out, digits = NA, auto_unbox = TRUE, null = "null")
