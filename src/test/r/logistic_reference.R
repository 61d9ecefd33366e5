#!/usr/bin/env Rscript
# R's logistic regression, glm(y ~ X, family = binomial) (glm.fit's IRLS), as the propensity score
# of issue 21 fits it. Iterated to glm.control(epsilon = 1e-14, maxit = 100): R's own criterion
# |dev - devold| / (|dev| + 0.1) < epsilon, tighter than R's default 1e-8 so that both sides stop
# at the optimum to rounding. Each case writes R's model.matrix (without its intercept column)
# so that Java fits the identical design. Compared within 1e-8 relative (docs/statistics.md).
# R 4.2.2, survival 3.5.3, jsonlite 1.8.4 (Debian bookworm). From the repository root:
#   Rscript src/test/r/logistic_reference.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "src/test/resources/r/logistic_reference.json"
set.seed(2121)

caught <- function(expr) {
  msgs <- character(0)
  value <- withCallingHandlers(expr,
    warning = function(w) { msgs <<- c(msgs, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(value = value, warnings = unique(msgs))
}

# formula: y ~ terms on d; weights: prior weights or NULL; separating: the design columns
# (0-based, intercept excluded) that separate the outcome by construction; numbers: FALSE when
# the estimates diverge (separation) and only the flags are compared
model <- function(formula, d, weights = NULL, separating = integer(0), numbers = TRUE) {
  d$.w <- if (is.null(weights)) rep(1, nrow(d)) else weights
  # which columns are aliased: R's default glm (its QR tolerance min(1e-7, epsilon / 1000) =
  # 1e-11); at epsilon 1e-14 that tolerance would be 1e-17, too small to see an exact duplicate
  default <- suppressWarnings(glm(formula, data = d, family = binomial, weights = .w))
  mm <- model.matrix(default)
  columns <- colnames(mm)[-1]
  aliased <- is.na(coef(default))[-1]
  # the numbers: the design without the aliased columns (their coefficient is 0 in R's eta),
  # iterated to epsilon 1e-14
  kept <- as.data.frame(mm[, -1, drop = FALSE][, !aliased, drop = FALSE])
  names(kept) <- paste0("v", seq_along(kept))
  kept$.y <- default$y
  kept$.w <- d$.w
  r <- caught(glm(.y ~ . - .w, data = kept, family = binomial, weights = .w,
                  control = glm.control(epsilon = 1e-14, maxit = 100)))
  fit <- r$value
  table <- suppressWarnings(summary(fit))$coefficients
  full <- function(values) { # NA where aliased, as glm reports them
    v <- rep(NA_real_, length(columns) + 1)
    v[c(TRUE, !aliased)] <- values
    v
  }
  pick <- function(k) full(unname(table[, k][match(names(coef(fit)), rownames(table))]))
  list(r_call = paste0("glm(", deparse(formula), ", family = binomial",
                       if (!is.null(weights)) ", weights = w", ", control = glm.control(",
                       "epsilon = 1e-14, maxit = 100)), on the columns R's default glm keeps"),
       columns = I(columns),
       x = lapply(columns, function(k) unname(mm[, k])),
       y = unname(fit$y), weights = if (is.null(weights)) NULL else unname(weights),
       numbers = numbers, separating = I(separating),
       coef = full(unname(coef(fit))), se = pick(2), z = pick(3), p = pick(4),
       aliased = I(which(aliased) - 1L),
       fitted = unname(fit$fitted.values), deviance = fit$deviance,
       null_deviance = fit$null.deviance, iterations = fit$iter, converged = fit$converged,
       rank = fit$rank, warnings = I(r$warnings))
}

res <- list(software = list(R = R.version.string,
                            survival = as.character(packageVersion("survival"))))

# Rotterdam breast cancer: who got chemotherapy (580 of 2982)
rot <- survival::rotterdam
res$cases$rotterdam_chemo <- model(chemo ~ age + meno + size + grade + nodes + pgr + er, rot)
res$cases$rotterdam_chemo_small <- model(chemo ~ age + size + nodes, rot)
res$cases$rotterdam_one_covariate <- model(chemo ~ age, rot)

# colon (death records), Lev+5FU against observation only
col <- survival::colon
col <- col[col$etype == 2 & col$rx %in% c("Obs", "Lev+5FU"), ]
col$treated <- as.numeric(col$rx == "Lev+5FU")
res$cases$colon_lev5fu <- model(treated ~ age + sex + obstruct + perfor + adhere + node4 +
                                  factor(extent), col)

# a synthetic confounded cohort: older, PD-L1 high and LIPI-poor patients treated more often
n <- 400
syn <- data.frame(age = round(rnorm(n, 63, 9)), pdl1 = rbinom(n, 1, 0.4),
                  lipi = sample(0:2, n, replace = TRUE, prob = c(0.45, 0.35, 0.2)))
syn$treated <- rbinom(n, 1, plogis(-1.2 + 0.04 * (syn$age - 63) + 0.9 * syn$pdl1 +
                                     0.5 * syn$lipi))
res$cases$synthetic_confounded <- model(treated ~ age + pdl1 + factor(lipi), syn)
# prior weights: integers with zeros (rows left out), then fractions (R warns: non-integer)
res$cases$synthetic_integer_weights <- model(treated ~ age + pdl1, syn,
                                             weights = sample(0:3, n, replace = TRUE))
res$cases$synthetic_fractional_weights <- model(treated ~ age + pdl1, syn,
                                                weights = round(runif(n, 0.2, 2.5), 3))

# aliased columns: all zero (NA wherever it stands), a duplicate, levels summing to the intercept
syn$zero <- 0
res$cases$aliased_zero_column <- model(treated ~ age + zero + pdl1, syn)
syn$age_copy <- syn$age
res$cases$aliased_duplicate <- model(treated ~ age + pdl1 + age_copy, syn)
syn$l0 <- as.numeric(syn$lipi == 0); syn$l1 <- as.numeric(syn$lipi == 1)
syn$l2 <- as.numeric(syn$lipi == 2)
res$cases$aliased_all_levels <- model(treated ~ l0 + l1 + l2 + age, syn)

# separation: complete (a continuous column), quasi-complete (a 0/1 column whose level 1 are all
# treated), complete on a 0/1 column; numbers diverge, only the flags are compared
sep <- data.frame(x = c(1, 2, 3, 4, 5, 6, 7, 8), y = c(0, 0, 0, 0, 1, 1, 1, 1),
                  z = c(0.3, -1.2, 0.8, 0.1, -0.4, 1.5, 0.2, -0.9))
res$cases$separation_complete <- model(y ~ z + x, sep, separating = 1L, numbers = FALSE)
quasi <- data.frame(age = round(rnorm(40, 60, 8)), marker = rep(c(0, 1), c(30, 10)))
quasi$y <- c(rbinom(30, 1, 0.4), rep(1, 10))
res$cases$separation_quasi_binary <- model(y ~ age + marker, quasi, separating = 1L,
                                           numbers = FALSE)
quasi2 <- data.frame(x = c(1, 2, 3, 4, 4, 5, 6, 7), y = c(0, 0, 0, 0, 1, 1, 1, 1))
res$cases$separation_quasi_tie <- model(y ~ x, quasi2, separating = 0L, numbers = FALSE)
binsep <- data.frame(g = c(0, 0, 0, 1, 1, 1), age = c(50, 61, 58, 47, 66, 70),
                     y = c(0, 0, 0, 1, 1, 1))
res$cases$separation_binary_complete <- model(y ~ age + g, binsep, separating = 1L,
                                              numbers = FALSE)

# tiny: three patients (the treated one in the middle: slope 0)
res$cases$tiny_three <- model(y ~ x, data.frame(x = c(1, 2, 3), y = c(0, 1, 0)))
# four patients, two covariates: separated by a combination of both, no single column
# (the treated have z = x - 2, the others z = x: neither column alone separates them)
res$cases$separation_combined_only <- model(y ~ x + z, data.frame(x = c(1, 2, 3, 4),
                                            z = c(1, 0, 3, 2), y = c(0, 1, 0, 1)),
                                            numbers = FALSE)

# more columns than patients: three patients, three columns; the QR keeps the intercept and two,
# the last is aliased; the saturated fit is separated (no column alone separates)
res$cases$more_columns_than_rows <- model(y ~ x + z + v, data.frame(x = c(2, 1, 3),
                                          z = c(1, 3, 0), v = c(5, 4, 7), y = c(0, 1, 1)),
                                          numbers = FALSE)

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                  pretty = TRUE), out)
for (k in names(res$cases)) cat(k, ": iter", res$cases[[k]]$iterations, "conv",
  res$cases[[k]]$converged, "aliased", res$cases[[k]]$aliased, "|",
  paste(res$cases[[k]]$warnings, collapse = "; "), "\n")
