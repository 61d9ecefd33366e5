#!/usr/bin/env Rscript
# Fine-Gray model (cmprsk::crr(ftime, fstatus, cov1, failcode, cencode)): coef, the sandwich
# $var, se, z, p (two-sided, upper normal tail), HR and 95% limits, and the baseline jumps
# $bfitj at $uftime. crr is run with gtol = 1e-12, maxiter = 100 (its defaults 1e-6 and 10 stop
# early: coef would differ from the exact root in the 7th digit), so both sides give the root.
# On mgus2 progression crr's line search still stalls (converged FALSE, score -5e-6, coef 1.5e-8
# from the root: the Armijo test cannot see a log-likelihood change below rounding), so plain
# Newton steps on cmprsk's own score and Hessian (Fortran crrfsv) finish the root, and
# crr(init = root, maxiter = 0) gives $var and $bfitj there ("polished" in the JSON).
# Run from the repository root (R 4.2, survival, cmprsk, jsonlite):
#   Rscript src/test/r/fine_gray_reference.R src/test/resources/r/fine_gray_reference.json
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })
out <- commandArgs(TRUE)[1]

source("src/test/r/crr_root.R")  # crr_score, crr_root: crr run to its root

fg <- function(time, cause, x, failcode = 1) {
  x <- as.matrix(x)
  root <- crr_root(time, cause, x, failcode)
  f <- root$fit
  polished <- root$polished
  se <- sqrt(diag(f$var))
  z <- f$coef / se
  list(time = time, cause = as.integer(cause), x = unname(x), failcode = failcode,
       converged = f$converged, polished = polished, coef = unname(f$coef),
       var = unname(f$var), se = unname(se),
       z = unname(z), p = 2 * pnorm(abs(unname(z)), lower.tail = FALSE),
       hr = exp(unname(f$coef)), lower = exp(unname(f$coef) - qnorm(0.975) * unname(se)),
       upper = exp(unname(f$coef) + qnorm(0.975) * unname(se)),
       uftime = f$uftime, bfitj = f$bfitj)
}

m <- survival::mgus2
m <- m[complete.cases(m[, c("ptime", "pstat", "futime", "death", "sex", "age", "hgb")]), ]
mt <- ifelse(m$pstat == 1, m$ptime, m$futime)
mc <- ifelse(m$pstat == 1, 1, 2 * m$death)
mx <- cbind(age = m$age, male = as.integer(m$sex == "M"), hgb = m$hgb)

# Synthetic oligoprogression: causes 1 = local, 2 = distant, 3 = death; times on a monthly grid
# (ties of several causes and censorings at one time); covariates arm (0/1), site, a score.
set.seed(18)
n <- 300
arm <- sample(0:1, n, replace = TRUE)
site <- sample(0:1, n, replace = TRUE)
score <- round(rnorm(n), 1)
r1 <- 0.02 * exp(0.5 * arm - 0.3 * score)
ev <- cbind(rexp(n, r1), rexp(n, 0.02 * exp(0.4 * site)), rexp(n, 0.01))
cens <- runif(n, 6, 60)
st <- ceiling(pmin(apply(ev, 1, min), cens))
sc <- ifelse(cens <= apply(ev, 1, min), 0, apply(ev, 1, which.min))
ox <- cbind(arm, site, score)

cases <- list(
  mgus2_progression = fg(mt, mc, mx, 1),
  mgus2_death = fg(mt, mc, mx, 2),
  oligo_local = fg(st, sc, ox, 1),
  oligo_distant = fg(st, sc, ox, 2),
  oligo_local_one_covariate = fg(st, sc, ox[, 1, drop = FALSE], 1),
  # one cause only: crr is then a Cox model with Breslow ties
  oligo_one_cause = fg(st, ifelse(sc > 0, 1, 0), ox, 1),
  six_patients = fg(c(1, 2, 2, 3, 4, 5, 5, 6), c(1, 2, 0, 1, 2, 1, 0, 1),
                    cbind(c(0, 1, 0, 1, 1, 0, 1, 0)), 1)
)
write_json(list(r = R.version.string, cmprsk = as.character(packageVersion("cmprsk")),
                cases = cases), out, digits = NA, auto_unbox = TRUE, null = "null",
           matrix = "rowmajor")
