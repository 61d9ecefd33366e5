#!/usr/bin/env Rscript
# R's glm(y ~ X, family = binomial) on designs that are hard for the normal equations the Java
# fit solves (LogisticRegression through IrlsNormalEquations): nearly collinear columns, a column
# far from 0 beside the intercept, fitted probabilities near 0 and 1 without separation. Each
# case takes one of the Java routes: Cholesky steps with the standard errors from R's QR of the
# last weighted design (condition number over 1e4), or the QR every step (a pivot of the scaled
# XᵀWX under 1e-10). Same case format and settings as logistic_reference.R (its model()).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/logistic_conditioning.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "src/test/resources/r/logistic_conditioning.json"
for (e in parse("src/test/r/logistic_reference.R")) { # its caught() and model(), not its cases
  if (is.call(e) && identical(e[[1]], as.name("<-")) &&
      as.character(e[[2]]) %in% c("caught", "model")) eval(e)
}
set.seed(2122)
n <- 2000
x1 <- rnorm(n)
d <- data.frame(x1 = x1, x2 = x1 + 1e-3 * rnorm(n), x3 = x1 + 1e-6 * rnorm(n),
                days = round(25000 + 3650 * runif(n)), z = rnorm(n))
d$y <- rbinom(n, 1, plogis(-0.3 + 0.8 * d$x1 + 0.4 * d$z))
d$strong <- rbinom(n, 1, plogis(1 + 7 * d$x1))
res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))
# correlation 1 - 5e-7: Cholesky steps, the condition number ~1e7, se from the last QR
res$cases$near_collinear <- model(y ~ x1 + x2 + z, d)
# correlation 1 - 5e-13: the scaled pivot ~1e-12, dqrdc2 keeps both (1e-6 > 1e-11): QR steps
res$cases$nearer_collinear <- model(y ~ x1 + x3 + z, d)
# a date in days (25,000 to 28,650) beside the intercept
res$cases$large_offset <- model(y ~ days + z, d)
# fitted probabilities down to ~1e-10 and up to 1 - 1e-10, not separated
res$cases$near_separation <- model(strong ~ x1 + z, d)
# the same with fractional prior weights
res$cases$near_separation_weighted <- model(strong ~ x1 + z, d,
                                            weights = round(runif(n, 0.2, 3), 2))
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
for (k in names(res$cases)) cat(k, ": iter", res$cases[[k]]$iterations, "conv",
  res$cases[[k]]$converged, "aliased", res$cases[[k]]$aliased, "range fitted",
  range(res$cases[[k]]$fitted), "|", paste(res$cases[[k]]$warnings, collapse = "; "), "\n")
